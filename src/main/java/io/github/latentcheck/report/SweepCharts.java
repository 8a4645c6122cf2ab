package io.github.latentcheck.report;

import io.github.latentcheck.chart.Chart;
import io.github.latentcheck.chart.Series;
import io.github.latentcheck.check.CheckResult;
import io.github.latentcheck.run.Experiment;
import io.github.latentcheck.run.ExperimentResult;
import io.github.latentcheck.run.PriorRun;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The charts of a dimension sweep ({@code latent_dim: [2, 4, 8]}): one per metric the spec names in
 * {@code sweep_charts}, or, without that key, one per check metric that varies across the sweep
 * (metrics that are the same at every dimension, such as {@code tests}, say nothing about it); the
 * metric against the latent dimension, one line per prior family, NaN values left out.
 */
final class SweepCharts {
    private SweepCharts() {
    }

    /**
     * @param result a finished run
     * @return the sweep's charts, by check then metric in reporting order; empty when the run is not a sweep
     */
    static List<Chart> of(ExperimentResult result) {
        Map<String, Experiment.SweepMember> sweep = result.experiment().sweep();
        List<Chart> charts = new ArrayList<>();
        if (sweep.isEmpty()) {
            return charts;
        }
        Set<String> named = new LinkedHashSet<>();
        result.experiment().spec().sweepCharts().forEach(g -> named.add(g.expression()));
        Set<String> families = new LinkedHashSet<>();
        sweep.values().forEach(m -> families.add(m.family()));
        for (CheckResult first : result.runs().get(0).checks()) {
            for (String metric : first.metrics().keySet()) {
                if (!named.isEmpty() && !named.contains(first.id() + "." + metric)) {
                    continue;
                }
                Chart chart = Chart.of(first.id() + "." + metric + " against the latent dimension", "latent dimension",
                        metric);
                Set<Double> values = new LinkedHashSet<>();
                for (String family : families) {
                    Map<Integer, Double> points = new LinkedHashMap<>();
                    for (PriorRun run : result.runs()) {
                        Experiment.SweepMember member = sweep.get(run.label());
                        if (!member.family().equals(family)) {
                            continue;
                        }
                        run.checks().stream().filter(c -> c.id().equals(first.id())).findFirst()
                                .flatMap(c -> c.metric(metric)).map(Number::doubleValue).filter(v -> !v.isNaN())
                                .ifPresent(v -> points.put(member.latentDim(), v));
                    }
                    values.addAll(points.values());
                    double[] x = points.keySet().stream().mapToDouble(Integer::doubleValue).toArray();
                    double[] y = points.values().stream().mapToDouble(Double::doubleValue).toArray();
                    chart = chart.with(Series.of(family, Series.Style.LINE, x, y));
                }
                if (!named.isEmpty() || values.size() > 1) {
                    charts.add(chart.withAltText("Line chart of " + first.id() + "." + metric + " against the latent "
                            + "dimension of the sweep, one line per prior."));
                }
            }
        }
        return charts;
    }
}
