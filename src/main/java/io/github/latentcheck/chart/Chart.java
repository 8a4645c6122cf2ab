package io.github.latentcheck.chart;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a check wants drawn, independent of any charting library: a title, axis labels, series and
 * horizontal reference lines, and the alternative text a screen reader gives instead of the picture.
 * Reporters render charts; checks only describe them, keeping the series small (a few hundred points).
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
    private final List<Series> series;
    private final List<ReferenceLine> referenceLines;

    private Chart(String title, String xLabel, String yLabel, Scale yScale, String altText, double yMin, double yMax,
            List<Series> series, List<ReferenceLine> referenceLines) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.yScale = yScale;
        this.altText = altText;
        this.yMin = yMin;
        this.yMax = yMax;
        this.series = series;
        this.referenceLines = referenceLines;
    }

    /**
     * @param title the chart's title
     * @param xLabel the x axis label
     * @param yLabel the y axis label
     * @return an empty chart with linear axes; add series with {@link #with(Series)}
     */
    public static Chart of(String title, String xLabel, String yLabel) {
        return new Chart(title, xLabel, yLabel, Scale.LINEAR, title, Double.NaN, Double.NaN, List.of(), List.of());
    }

    /**
     * @param s a series to draw
     * @return a copy with the series added
     */
    public Chart with(Series s) {
        List<Series> more = new ArrayList<>(series);
        more.add(Objects.requireNonNull(s));
        return new Chart(title, xLabel, yLabel, yScale, altText, yMin, yMax, List.copyOf(more), referenceLines);
    }

    /**
     * @param line a horizontal reference line
     * @return a copy with the line added
     */
    public Chart with(ReferenceLine line) {
        List<ReferenceLine> more = new ArrayList<>(referenceLines);
        more.add(Objects.requireNonNull(line));
        return new Chart(title, xLabel, yLabel, yScale, altText, yMin, yMax, series, List.copyOf(more));
    }

    /**
     * @param scale the y axis scale
     * @return a copy with that scale
     */
    public Chart withYScale(Scale scale) {
        return new Chart(title, xLabel, yLabel, scale, altText, yMin, yMax, series, referenceLines);
    }

    /**
     * @param text what the chart shows, in words, for readers who cannot see it
     * @return a copy with that alternative text
     */
    public Chart withAltText(String text) {
        return new Chart(title, xLabel, yLabel, yScale, text, yMin, yMax, series, referenceLines);
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
        return new Chart(title, xLabel, yLabel, yScale, altText, min, max, series, referenceLines);
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
}
