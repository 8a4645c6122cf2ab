package io.github.latentcheck.chart;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a check wants drawn, independent of any charting library: a title, axis labels, series,
 * horizontal and vertical reference lines, category names for bar charts, and the alternative text a
 * screen reader gives instead of the picture. Reporters render charts; checks only describe them,
 * keeping the series small (a few hundred points). A chart whose series are all
 * {@link Series.Style#BAR} is categorical: its x values are category indices, drawn as side-by-side bars.
 */
public final class Chart {
    /** How the axes are scaled. */
    public enum Scale {
        /** Linear. */
        LINEAR,
        /** Base-10 logarithm; values must be positive. */
        LOG
    }

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final Scale yScale;
    private final String altText;
    private final double yMin;
    private final double yMax;
    private final double xMin;
    private final double xMax;
    private final List<Series> series;
    private final List<ReferenceLine> referenceLines;
    private final List<VerticalLine> verticalLines;
    private final List<String> categories;

    private Chart(String title, String xLabel, String yLabel, Scale yScale, String altText, double yMin, double yMax,
            double xMin, double xMax, List<Series> series, List<ReferenceLine> referenceLines,
            List<VerticalLine> verticalLines, List<String> categories) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.yScale = yScale;
        this.altText = altText;
        this.yMin = yMin;
        this.yMax = yMax;
        this.xMin = xMin;
        this.xMax = xMax;
        this.series = series;
        this.referenceLines = referenceLines;
        this.verticalLines = verticalLines;
        this.categories = categories;
    }

    private Chart copy(Scale scale, String text, double lowY, double highY, double lowX, double highX,
            List<Series> s, List<ReferenceLine> lines, List<VerticalLine> verticals, List<String> names) {
        return new Chart(title, xLabel, yLabel, scale, text, lowY, highY, lowX, highX, s, lines, verticals, names);
    }

    /**
     * @param title the chart's title
     * @param xLabel the x axis label
     * @param yLabel the y axis label
     * @return an empty chart with linear axes; add series with {@link #with(Series)}
     */
    public static Chart of(String title, String xLabel, String yLabel) {
        return new Chart(title, xLabel, yLabel, Scale.LINEAR, title, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                List.of(), List.of(), List.of(), List.of());
    }

    /**
     * @param s a series to draw
     * @return a copy with the series added
     */
    public Chart with(Series s) {
        List<Series> more = new ArrayList<>(series);
        more.add(Objects.requireNonNull(s));
        return copy(yScale, altText, yMin, yMax, xMin, xMax, List.copyOf(more), referenceLines, verticalLines,
                categories);
    }

    /**
     * @param line a horizontal reference line
     * @return a copy with the line added
     */
    public Chart with(ReferenceLine line) {
        List<ReferenceLine> more = new ArrayList<>(referenceLines);
        more.add(Objects.requireNonNull(line));
        return copy(yScale, altText, yMin, yMax, xMin, xMax, series, List.copyOf(more), verticalLines, categories);
    }

    /**
     * @param line a vertical reference line, such as a threshold on the x axis
     * @return a copy with the line added
     */
    public Chart with(VerticalLine line) {
        List<VerticalLine> more = new ArrayList<>(verticalLines);
        more.add(Objects.requireNonNull(line));
        return copy(yScale, altText, yMin, yMax, xMin, xMax, series, referenceLines, List.copyOf(more), categories);
    }

    /**
     * @param names the name of each category of a bar chart, for x = 0, 1, …
     * @return a copy with those names (by default a category is named by its x value)
     */
    public Chart withCategories(List<String> names) {
        return copy(yScale, altText, yMin, yMax, xMin, xMax, series, referenceLines, verticalLines,
                List.copyOf(names));
    }

    /**
     * @param scale the y axis scale
     * @return a copy with that scale
     */
    public Chart withYScale(Scale scale) {
        return copy(scale, altText, yMin, yMax, xMin, xMax, series, referenceLines, verticalLines, categories);
    }

    /**
     * @param text what the chart shows, in words, for readers who cannot see it
     * @return a copy with that alternative text
     */
    public Chart withAltText(String text) {
        return copy(yScale, text, yMin, yMax, xMin, xMax, series, referenceLines, verticalLines, categories);
    }

    /**
     * @param min the lowest value the y axis shows
     * @param max the highest value the y axis shows, above min
     * @return a copy with that y range (by default the range follows the data)
     */
    public Chart withYRange(double min, double max) {
        if (!(min < max)) {
            throw new IllegalArgumentException("y range is not min < max: " + min + ", " + max);
        }
        return copy(yScale, altText, min, max, xMin, xMax, series, referenceLines, verticalLines, categories);
    }

    /**
     * @param min the lowest value the x axis shows
     * @param max the highest value the x axis shows, above min
     * @return a copy with that x range (by default the range follows the data), so that charts drawn
     *     side by side can share their axes
     */
    public Chart withXRange(double min, double max) {
        if (!(min < max)) {
            throw new IllegalArgumentException("x range is not min < max: " + min + ", " + max);
        }
        return copy(yScale, altText, yMin, yMax, min, max, series, referenceLines, verticalLines, categories);
    }

    /** @return whether every series is drawn as bars over categories */
    public boolean isCategorical() {
        return !series.isEmpty() && series.stream().allMatch(s -> s.style() == Series.Style.BAR);
    }

    /** @return the lowest value the x axis shows, or NaN to follow the data */
    public double xMin() {
        return xMin;
    }

    /** @return the highest value the x axis shows, or NaN to follow the data */
    public double xMax() {
        return xMax;
    }

    /** @return the vertical reference lines */
    public List<VerticalLine> verticalLines() {
        return verticalLines;
    }

    /** @return the category names of a bar chart, empty when categories are named by their x values */
    public List<String> categories() {
        return categories;
    }

    /**
     * @param v a positive value
     * @return the largest power of ten at or below v, a lower end for a log axis that shows v
     */
    public static double logFloor(double v) {
        return Math.pow(10, Math.floor(Math.log10(Math.max(v, Double.MIN_NORMAL))));
    }

    /** @return the lowest value the y axis shows, or NaN to follow the data */
    public double yMin() {
        return yMin;
    }

    /** @return the highest value the y axis shows, or NaN to follow the data */
    public double yMax() {
        return yMax;
    }

    /** @return the title */
    public String title() {
        return title;
    }

    /** @return the x axis label */
    public String xLabel() {
        return xLabel;
    }

    /** @return the y axis label */
    public String yLabel() {
        return yLabel;
    }

    /** @return the y axis scale */
    public Scale yScale() {
        return yScale;
    }

    /** @return the alternative text */
    public String altText() {
        return altText;
    }

    /** @return the series, in drawing order */
    public List<Series> series() {
        return series;
    }

    /** @return the horizontal reference lines */
    public List<ReferenceLine> referenceLines() {
        return referenceLines;
    }

    /**
     * A horizontal line across the chart, such as a significance level.
     *
     * @param label what the line marks
     * @param y its height
     */
    public record ReferenceLine(String label, double y) {
    }

    /**
     * A vertical line across the chart, such as a threshold on the x axis.
     *
     * @param label what the line marks
     * @param x its position
     */
    public record VerticalLine(String label, double x) {
    }
}
