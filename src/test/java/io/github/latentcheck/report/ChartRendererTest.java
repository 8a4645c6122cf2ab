package io.github.latentcheck.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.latentcheck.chart.Chart;
import io.github.latentcheck.chart.Series;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ChartRendererTest {
    private static BufferedImage render(Chart chart) throws Exception {
        return ImageIO.read(new ByteArrayInputStream(ChartRenderer.png(chart)));
    }

    @Test
    void drawsAt2xAsAPalettePng() throws Exception {
        BufferedImage image = render(Chart.of("t", "x", "y")
                .with(Series.of("a", Series.Style.LINE, new double[] {0, 1}, new double[] {0, 1})));
        assertThat(image.getWidth()).isEqualTo(ChartRenderer.WIDTH * ChartRenderer.SCALE);
        assertThat(image.getHeight()).isEqualTo(ChartRenderer.HEIGHT * ChartRenderer.SCALE);
        assertThat(image.getColorModel().getPixelSize()).isEqualTo(8);
    }

    @Test
    void aLogAxisOfTinyPValuesStopsAtItsFloor() throws Exception {
        Chart chart = Chart.of("p", "test", "adjusted p-value").withYScale(Chart.Scale.LOG)
                .withYRange(Double.MIN_NORMAL, 1)
                .with(Series.of("p", Series.Style.SCATTER, new double[] {0, 1, 2}, new double[] {0, 1e-272, 0.5}));
        List<Chart> shared = ChartRenderer.onSharedAxes(List.of(chart, chart));
        assertThat(shared.get(0).yMin()).isEqualTo(ChartRenderer.LOG_FLOOR);
        assertThat(render(chart).getWidth()).isEqualTo(ChartRenderer.WIDTH * ChartRenderer.SCALE);
    }

    @Test
    void barChartsOverNamedCategoriesAndVerticalLinesRender() throws Exception {
        Chart bars = Chart.of("PRDC", "", "value").withCategories(List.of("precision", "recall", "density", "coverage"))
                .with(Series.of("generated", Series.Style.BAR, new double[] {0, 1, 2, 3}, new double[] {0.9, 0.8, 1.1, 0.95}))
                .with(new Chart.ReferenceLine("expected density 1", 1));
        assertThat(bars.isCategorical()).isTrue();
        assertThat(ChartRenderer.onSharedAxes(List.of(bars, bars)).get(0).yMin()).as("bars start at 0").isZero();
        assertThat(render(bars)).isNotNull();
        Chart ratio = Chart.of("d1/d2", "d1 / d2", "empirical CDF")
                .with(Series.ecdf("generated", new double[] {0.1, 0.5, 0.9}, 10))
                .with(new Chart.VerticalLine("threshold 1/3", 1.0 / 3));
        assertThat(ratio.isCategorical()).isFalse();
        assertThat(render(ratio)).isNotNull();
    }
}
