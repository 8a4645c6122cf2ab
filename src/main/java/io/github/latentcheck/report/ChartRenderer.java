package io.github.latentcheck.report;

import io.github.latentcheck.chart.Chart;
import io.github.latentcheck.chart.Series;
import java.awt.Color;
import java.io.IOException;
import java.util.Arrays;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Renders a {@link Chart} to PNG with XChart. PNG rather than SVG: XChart's SVG draws text as paths. */
final class ChartRenderer {
    static final int WIDTH = 540;
    static final int HEIGHT = 330;

    private ChartRenderer() {
    }

    static byte[] png(Chart chart) throws IOException {
        XYChart xy = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(chart.title())
                .xAxisTitle(chart.xLabel()).yAxisTitle(chart.yLabel()).build();
        XYStyler styler = xy.getStyler();
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setLegendPosition(Styler.LegendPosition.InsideSE);
        styler.setLegendBackgroundColor(new Color(255, 255, 255, 200));
        styler.setYAxisLogarithmic(chart.yScale() == Chart.Scale.LOG);
        if (!Double.isNaN(chart.yMin())) {
            styler.setYAxisMin(chart.yMin());
            styler.setYAxisMax(chart.yMax());
        }
        double minX = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        for (Series s : chart.series()) {
            double[] x = s.x();
            double[] y = s.y();
            if (x.length == 0) {
                continue;
            }
            minX = Math.min(minX, Arrays.stream(x).min().getAsDouble());
            maxX = Math.max(maxX, Arrays.stream(x).max().getAsDouble());
            XYSeries series = xy.addSeries(s.name(), x, y);
            switch (s.style()) {
                case STEP:
                    series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
                    series.setMarker(SeriesMarkers.NONE);
                    break;
                case SCATTER:
                    series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                    break;
                case BAR:
                    series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
                    series.setMarker(SeriesMarkers.NONE);
                    break;
                default:
                    series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
                    series.setMarker(SeriesMarkers.NONE);
            }
        }
        if (minX == maxX) {
            minX -= 0.5;
            maxX += 0.5;
        }
        for (Chart.ReferenceLine line : chart.referenceLines()) {
            XYSeries series = xy.addSeries(line.label(), new double[] {minX, maxX}, new double[] {line.y(), line.y()});
            series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            series.setMarker(SeriesMarkers.NONE);
            series.setLineColor(Color.RED);
        }
        return BitmapEncoder.getBitmapBytes(xy, BitmapEncoder.BitmapFormat.PNG);
    }
}
