package io.github.latentcheck.check;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.chart.Chart;
import io.github.latentcheck.encoder.Posterior;
import io.github.latentcheck.encoder.PosteriorStatistics;
import io.github.latentcheck.spec.Options;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code active-units}: which latent units does the encoder use? A unit u is active when its
 * posterior mean moves with the data, \(A_u = \operatorname{Cov}_x\left(E_{q(z \mid x)}[z_u]\right)
 * &gt; \delta\) (Burda, Grosse and Salakhutdinov 2016, section 5.2, with \(\delta = 0.01\)), the
 * covariance taken over the encoded data rows (the held-out rows by default, {@code rows: training}
 * for the training rows) as the unbiased sample variance ({@link PosteriorStatistics#activity}). A
 * unit that is not active carries no information about x: its posterior has collapsed onto the prior.
 *
 * <p>Options: {@code threshold} (δ, default 0.01), {@code rows} (holdout or training).
 *
 * <p>Metrics: {@code dimensions} (d), {@code count} (active units), {@code inactive} (d − count),
 * {@code activeFraction}, {@code minActivity} and {@code maxActivity}. The check reports estimates
 * and has no verdict of its own; gate it, e.g. {@code active-units.count >= 4}. A table with one row
 * per unit ({@code unit}, {@code activity}, {@code active}) is written beside the report, and a
 * chart shows the activities on a log scale against the threshold.
 *
 * <p>Reference: Burda, Y., Grosse, R. and Salakhutdinov, R. (2016). Importance weighted
 * autoencoders. ICLR. arXiv:1509.00519.
 */
public final class ActiveUnitsCheck implements Check {
    private static final List<String> METRICS = List.of("dimensions", "count", "inactive", "activeFraction",
            "minActivity", "maxActivity");
    private final String id;
    private final double threshold;
    private final EncodedRows.Rows rows;

    private ActiveUnitsCheck(String id, double threshold, EncodedRows.Rows rows) {
        this.id = id;
        this.threshold = threshold;
        this.rows = rows;
    }

    /**
     * Defaults: id {@code active-units}, threshold 0.01 (Burda et al.), the held-out rows.
     *
     * @return the check with defaults
     */
    public static ActiveUnitsCheck withDefaults() {
        return new ActiveUnitsCheck("active-units", 0.01, EncodedRows.Rows.HOLDOUT);
    }

    /**
     * @param delta the activity above which a unit is active, positive and finite
     * @return a copy with that threshold
     */
    public ActiveUnitsCheck withThreshold(double delta) {
        return new ActiveUnitsCheck(id, checkThreshold(delta), rows);
    }

    private static double checkThreshold(double delta) {
        if (!(delta > 0) || Double.isInfinite(delta)) {
            throw new InvalidInputException("threshold is not positive and finite: " + delta);
        }
        return delta;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String type() {
        return "active-units";
    }

    @Override
    public Set<String> metricNames() {
        return new LinkedHashSet<>(METRICS);
    }

    @Override
    public Set<Requirement> requirements() {
        return Set.of(Requirement.ENCODER, rows.requirement());
    }

    @Override
    public CheckResult run(CheckInput input) {
        Posterior q = EncodedRows.encode(input, id, rows);
        double[] activity = PosteriorStatistics.activity(q);
        int d = activity.length;
        long[] active = new long[d];
        long[] unit = new long[d];
        long count = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        double[] floored = new double[d];
        for (int u = 0; u < d; u++) {
            unit[u] = u;
            active[u] = activity[u] > threshold ? 1 : 0;
            count += active[u];
            min = Math.min(min, activity[u]);
            max = Math.max(max, activity[u]);
            floored[u] = Math.max(activity[u], threshold * 1e-4);
        }
        Chart chart = EncodedRows.perUnit("Activity Cov_x(E_q[z_u]) of each latent unit", "activity", floored, threshold,
                "Chart of the variance of the posterior mean of each latent unit over the " + q.rows()
                        + " encoded rows, on a log scale, with the threshold " + threshold + "; " + count + " of " + d
                        + " units lie above it.")
                .withYScale(Chart.Scale.LOG);
        return CheckResult.builder(this)
                .metric("dimensions", d)
                .metric("count", count)
                .metric("inactive", d - count)
                .metric("activeFraction", (double) count / d)
                .metric("minActivity", min)
                .metric("maxActivity", max)
                .chart(chart)
                .sampleTable(SampleTable.builder().column("unit", unit).column("activity", activity)
                        .column("active", active).build())
                .build();
    }

    /** Provides {@code type: active-units} with {@code threshold} and {@code rows}. */
    public static final class Provider implements CheckProvider {
        @Override
        public String type() {
            return "active-units";
        }

        @Override
        public Check create(String id, Options options) {
            return new ActiveUnitsCheck(id, checkThreshold(options.number("threshold", 0.01)),
                    EncodedRows.Rows.from(options));
        }
    }
}
