package io.github.latentcheck.check;

import io.github.latentcheck.chart.Chart;
import io.github.latentcheck.chart.Series;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the feature-space metric checks share ({@code frechet}, {@code kid}, {@code precision-recall},
 * {@code authenticity}, {@code vendi}): an id, a type, a fixed list of metrics and requirements, no verdict of
 * their own, and an interval chart of estimates with their intervals beside the holdout's baseline.
 */
abstract class EstimateCheck implements Check {
    private final String id;
    private final String type;
    private final List<String> metrics;
    private final Set<Requirement> requirements;

    EstimateCheck(String id, String type, List<String> metrics, Set<Requirement> requirements) {
        this.id = id;
        this.type = type;
        this.metrics = List.copyOf(metrics);
        this.requirements = Set.copyOf(requirements);
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final String type() {
        return type;
    }

    @Override
    public final Set<String> metricNames() {
        return new LinkedHashSet<>(metrics);
    }

    @Override
    public final Set<Requirement> requirements() {
        return requirements;
    }

    /**
     * An interval plot: at x = 0, 1, … one estimate (a marker) with the ends of its interval (markers below and
     * above) and, where finite, the holdout's value of the same metric.
     *
     * @param title the chart's title
     * @param names what each x position is, in order
     * @param estimate the estimates
     * @param lower the intervals' lower ends
     * @param upper the intervals' upper ends
     * @param baseline the holdout's values (NaN where there are none)
     * @return the chart
     */
    static Chart intervalChart(String title, List<String> names, double[] estimate, double[] lower, double[] upper,
            double[] baseline) {
        double[] x = new double[names.size()];
        Arrays.setAll(x, i -> i);
        StringBuilder axis = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            axis.append(i > 0 ? ", " : "").append(i).append(' ').append(names.get(i));
        }
        Chart chart = Chart.of(title, axis.toString(), "value")
                .with(Series.of("estimate", Series.Style.SCATTER, x, estimate))
                .with(Series.of("interval, lower end", Series.Style.SCATTER, x, lower))
                .with(Series.of("interval, upper end", Series.Style.SCATTER, x, upper));
        int finite = (int) Arrays.stream(baseline).filter(Double::isFinite).count();
        if (finite > 0) {
            double[] bx = new double[finite];
            double[] by = new double[finite];
            for (int i = 0, j = 0; i < baseline.length; i++) {
                if (Double.isFinite(baseline[i])) {
                    bx[j] = i;
                    by[j++] = baseline[i];
                }
            }
            chart = chart.with(Series.of("holdout (real against real)", Series.Style.SCATTER, bx, by));
        }
        return chart.withAltText(title + ": for " + String.join(", ", names) + ", the estimate with the ends of its "
                + "interval" + (finite > 0 ? ", beside the holdout's value" : "") + ".");
    }
}
