package io.github.latentcheck.report;

import io.github.latentcheck.chart.Chart;
import io.github.latentcheck.chart.Series;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Renders a {@link Chart} to PNG with XChart, at {@value #SCALE}× its
 * size in CSS pixels for HiDPI screens. PNG rather than SVG: XChart's SVG draws text as paths.
 *
 * <p>What the renderer does so that a chart does not mislead: the legend sits below the plot,
 * never over the data; tick labels go through {@link Formats}; a categorical chart (all series
 * {@link Series.Style#BAR}) is drawn as side-by-side bars; a log axis starts no lower than
 * {@link #LOG_FLOOR}, values below it are drawn at it and the axis title says so; series with the
 * same name share one colour and one legend entry; and a chart's x and y ranges, when set, are kept,
 * so charts drawn side by side share their axes.
 */
final class ChartRenderer {
    /** Width in CSS pixels. */
    static final int WIDTH = 540;
    /** Height in CSS pixels, the legend below the plot included. */
    static final int HEIGHT = 360;
    /** Device pixels per CSS pixel of the PNG. */
    static final int SCALE = 2;
    /**
     * The lowest value a log axis shows: p-values below it (down to 1e-272 or 0 for separated samples)
     * are all overwhelming evidence, and an axis spanning hundreds of decades is a smear of ticks.
     */
    static final double LOG_FLOOR = 1e-16;

    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
        new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22),
        new Color(0x17becf), new Color(0x393b79), new Color(0xad494a), new Color(0x637939)};
    /** Legends with up to this many entries sit below the plot, longer ones to its right. */
    private static final int LEGEND_BELOW = 4;
    private static final Color REFERENCE = new Color(0xd62728);

    private ChartRenderer() {
    }

    /**
     * @param charts charts of the same kind, one per prior, to be drawn side by side
     * @return the charts with one x range and one y range that show every chart's data and lines
     *     (a bar chart keeps its categories and shares its y range only)
     */
    static List<Chart> onSharedAxes(List<Chart> charts) {
        if (charts.size() < 2) {
            return charts;
        }
        Range x = Range.EMPTY;
        Range y = Range.EMPTY;
        for (Chart chart : charts) {
            x = x.cover(xExtent(chart));
            y = y.cover(yExtent(chart));
        }
        List<Chart> shared = new ArrayList<>();
        for (Chart chart : charts) {
            Chart c = chart;
            if (y.isSet()) {
                Range shownY = y.widened();
                if (chart.isCategorical()) {
                    shownY = Range.of(Math.min(0, shownY.min()), shownY.max() * 1.05);
                }
                c = c.withYRange(shownY.min(), shownY.max());
            }
            if (x.isSet() && !chart.isCategorical()) {
                Range shownX = x.widened();
                c = c.withXRange(shownX.min(), shownX.max());
            }
            shared.add(c);
        }
        return List.copyOf(shared);
    }

    private static double[] xExtent(Chart chart) {
        Range r = Range.of(chart.xMin(), chart.xMax());
        for (Series s : chart.series()) {
            r = r.cover(s.x());
        }
        for (Chart.VerticalLine line : chart.verticalLines()) {
            r = r.cover(new double[] {line.x()});
        }
        return new double[] {r.min(), r.max()};
    }

    private static double[] yExtent(Chart chart) {
        boolean log = chart.yScale() == Chart.Scale.LOG;
        Range r = Range.of(chart.yMin(), chart.yMax());
        for (Series s : chart.series()) {
            double[] y = s.y();
            if (log) {
                for (int i = 0; i < y.length; i++) {
                    y[i] = Math.max(LOG_FLOOR, y[i]);
                }
            }
            r = r.cover(y);
        }
        for (Chart.ReferenceLine line : chart.referenceLines()) {
            r = r.cover(new double[] {line.y()});
        }
        if (log && r.isSet()) {
            r = Range.of(Math.max(LOG_FLOOR, r.min()), r.max());
        }
        return new double[] {r.min(), r.max()};
    }

    static byte[] png(Chart chart) throws IOException {
        org.knowm.xchart.internal.chartpart.Chart<?, ?> drawn = chart.isCategorical() ? categorical(chart) : xy(chart);
        BufferedImage image = new BufferedImage(WIDTH * SCALE, HEIGHT * SCALE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.scale(SCALE, SCALE);
        drawn.paint(g, WIDTH, HEIGHT);
        g.dispose();
        return IndexedPng.encode(image);
    }

    private static void style(AxesChartStyler styler, int legendEntries) {
        styler.setChartBackgroundColor(Color.WHITE);
        boolean below = legendEntries <= LEGEND_BELOW;
        styler.setLegendPosition(below ? Styler.LegendPosition.OutsideS : Styler.LegendPosition.OutsideE);
        styler.setLegendLayout(below ? Styler.LegendLayout.Horizontal : Styler.LegendLayout.Vertical);
        styler.setLegendBorderColor(Color.WHITE);
        styler.setChartTitleBoxVisible(false);
        styler.setPlotBorderColor(Color.LIGHT_GRAY);
    }

    private static int legendEntries(Chart chart) {
        return (int) chart.series().stream().map(Series::name).distinct().count() + chart.referenceLines().size()
                + chart.verticalLines().size();
    }

    private static String yTitle(Chart chart, boolean clipped) {
        return clipped ? chart.yLabel() + " (< " + Formats.number(LOG_FLOOR) + " drawn at " + Formats.number(LOG_FLOOR)
                + ")" : chart.yLabel();
    }

    private static XYChart xy(Chart chart) {
        boolean log = chart.yScale() == Chart.Scale.LOG;
        boolean clipped = log && chart.series().stream()
                .anyMatch(s -> Arrays.stream(s.y()).anyMatch(v -> v < LOG_FLOOR));
        XYChart xy = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(chart.title())
                .xAxisTitle(chart.xLabel()).yAxisTitle(yTitle(chart, clipped)).build();
        var styler = xy.getStyler();
        style(styler, legendEntries(chart));
        styler.setxAxisTickLabelsFormattingFunction(Formats::number);
        if (!log) {
            styler.setyAxisTickLabelsFormattingFunction(Formats::number);
        }
        styler.setYAxisLogarithmic(log);
        styler.setYAxisLogarithmicDecadeOnly(log);
        Range x = Range.of(chart.xMin(), chart.xMax());
        Range y = Range.of(chart.yMin(), chart.yMax());
        Range dataX = Range.EMPTY;
        Range dataY = Range.EMPTY;
        Map<String, Color> colours = new HashMap<>();
        int index = 0;
        for (Series s : chart.series()) {
            double[] sx = s.x();
            double[] sy = s.y();
            if (sx.length == 0) {
                continue;
            }
            if (log) {
                for (int i = 0; i < sy.length; i++) {
                    sy[i] = Math.max(LOG_FLOOR, sy[i]);
                }
            }
            dataX = dataX.cover(sx);
            dataY = dataY.cover(sy);
            boolean repeated = colours.containsKey(s.name());
            XYSeries series = xy.addSeries(repeated ? s.name() + " #" + index : s.name(), sx, sy);
            index++;
            Color colour = colours.computeIfAbsent(s.name(), n -> PALETTE[colours.size() % PALETTE.length]);
            series.setShowInLegend(!repeated);
            series.setLineColor(colour);
            series.setMarkerColor(colour);
            series.setFillColor(colour);
            switch (s.style()) {
                case STEP -> {
                    series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
                    series.setMarker(SeriesMarkers.NONE);
                }
                case SCATTER -> {
                    series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                    series.setMarker(SeriesMarkers.CIRCLE);
                }
                case BAR -> {
                    series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
                    series.setMarker(SeriesMarkers.NONE);
                }
                default -> {
                    series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
                    series.setMarker(SeriesMarkers.NONE);
                }
            }
        }
        for (Chart.ReferenceLine line : chart.referenceLines()) {
            dataY = dataY.cover(new double[] {line.y()});
        }
        for (Chart.VerticalLine line : chart.verticalLines()) {
            dataX = dataX.cover(new double[] {line.x()});
        }
        Range shownX = x.isSet() ? x : dataX.widened();
        Range shownY = y.isSet() ? y : dataY.widened();
        if (log && shownY.isSet()) {
            shownY = Range.of(Math.max(LOG_FLOOR, shownY.min()), Math.max(shownY.max(), LOG_FLOOR * 10));
        }
        if (shownX.isSet()) {
            styler.setXAxisMin(shownX.min());
            styler.setXAxisMax(shownX.max());
        }
        if (shownY.isSet()) {
            styler.setYAxisMin(shownY.min());
            styler.setYAxisMax(shownY.max());
        }
        for (Chart.ReferenceLine line : chart.referenceLines()) {
            reference(xy.addSeries(line.label(), new double[] {shownX.min(), shownX.max()},
                    new double[] {line.y(), line.y()}));
        }
        for (Chart.VerticalLine line : chart.verticalLines()) {
            reference(xy.addSeries(line.label(), new double[] {line.x(), line.x()},
                    new double[] {shownY.min(), shownY.max()}));
        }
        return xy;
    }

    private static void reference(XYSeries series) {
        series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        series.setMarker(SeriesMarkers.NONE);
        series.setLineColor(REFERENCE);
        series.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT,
                BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
    }

    private static CategoryChart categorical(Chart chart) {
        CategoryChart bars = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(chart.title())
                .xAxisTitle(chart.xLabel()).yAxisTitle(chart.yLabel()).build();
        var styler = bars.getStyler();
        style(styler, legendEntries(chart));
        styler.setyAxisTickLabelsFormattingFunction(Formats::number);
        styler.setDefaultSeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Bar);
        styler.setOverlapped(false);
        styler.setAvailableSpaceFill(0.8);
        int categories = chart.series().stream().mapToInt(s -> s.x().length).max().orElse(0);
        styler.setXAxisLabelRotation(categories > 16 ? 90 : 0);
        Range y = Range.of(chart.yMin(), chart.yMax());
        if (y.isSet()) {
            styler.setYAxisMin(y.min());
            styler.setYAxisMax(y.max());
        } else {
            styler.setYAxisMin(0.0);
        }
        List<String> names = new ArrayList<>();
        int colour = 0;
        for (Series s : chart.series()) {
            double[] sx = s.x();
            names.clear();
            for (double v : sx) {
                int i = (int) v;
                names.add(v == i && i >= 0 && i < chart.categories().size() ? chart.categories().get(i) : Formats.number(v));
            }
            List<Double> values = Arrays.stream(s.y()).boxed().toList();
            CategorySeries series = bars.addSeries(s.name(), List.copyOf(names), values);
            series.setFillColor(PALETTE[colour++ % PALETTE.length]);
        }
        for (Chart.ReferenceLine line : chart.referenceLines()) {
            List<Double> level = Collections.nCopies(names.size(), line.y());
            CategorySeries series = bars.addSeries(line.label(), List.copyOf(names), level);
            series.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Line);
            series.setMarker(SeriesMarkers.NONE);
            series.setLineColor(PALETTE[colour++ % PALETTE.length].darker());
            series.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT,
                    BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        }
        return bars;
    }

    /** A closed interval of the real line, or none. */
    record Range(double min, double max) {
        static final Range EMPTY = new Range(Double.NaN, Double.NaN);

        static Range of(double min, double max) {
            return new Range(min, max);
        }

        boolean isSet() {
            return !Double.isNaN(min) && !Double.isNaN(max);
        }

        /** @return the smallest range holding this one and every finite value of {@code values} */
        Range cover(double[] values) {
            double lo = min;
            double hi = max;
            for (double v : values) {
                if (Double.isFinite(v)) {
                    lo = Double.isNaN(lo) ? v : Math.min(lo, v);
                    hi = Double.isNaN(hi) ? v : Math.max(hi, v);
                }
            }
            return new Range(lo, hi);
        }

        /** @return the range, opened by ±0.5 when it is a single point */
        Range widened() {
            return isSet() && min == max ? new Range(min - 0.5, max + 0.5) : this;
        }
    }
}
