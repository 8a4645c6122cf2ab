package io.github.latentcheck.check;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.chart.Chart;
import io.github.latentcheck.data.Latents;
import io.github.latentcheck.data.Samples;
import io.github.latentcheck.generator.Generator;
import io.github.latentcheck.spec.Options;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code latent-usage}: which latent coordinates does the generator use? For any generator, no
 * encoder needed. The check takes the first {@code batch} latents of the run (default 256; the run's
 * draws from its seeded prior, or a file prior's rows) and measures the sensitivity of the output to each coordinate u by central finite
 * differences,
 * \[ S_u = \frac{1}{B}\sum_{i=1}^{B}
 * \frac{\lVert G(z_i + h e_u) - G(z_i - h e_u)\rVert^2}{\Delta_{iu}^2}
 * \approx E_z \left\lVert \frac{\partial G}{\partial z_u} \right\rVert^2, \]
 * the diagonal of \(E_z[J^\top J]\), with step h ({@code step}, default 0.01) and
 * \(\Delta_{iu}\) the difference of the two perturbed coordinates after rounding to float32, as the
 * generator sees them. A coordinate is ignored when \(S_u &lt; \epsilon \max_v S_v\)
 * ({@code ignore_below} ε, default 0.01).
 *
 * <p>The effective dimension is the participation ratio of the sensitivities,
 * \[ d_{\mathrm{eff}} = \frac{\left(\sum_u S_u\right)^2}{\sum_u S_u^2}, \]
 * which is d when every coordinate moves the output equally and 1 when one coordinate does all of
 * it (Gao et al. 2017 define it over the eigenvalues of a covariance; here it is taken over the
 * coordinates of the latent, the directions a prior with independent coordinates samples).
 *
 * <p>Metrics: {@code dimensions}, {@code used}, {@code ignored}, {@code effectiveDimension},
 * {@code maxSensitivity}, {@code minRelativeSensitivity}. A per-coordinate table ({@code unit},
 * {@code sensitivity}, {@code relativeSensitivity}, {@code ignored}) and a chart of the relative
 * sensitivities go in the report. No verdict of its own; gate it, e.g.
 * {@code latent-usage.ignored == 0}. The 2·d·B generator calls are the cost: 8192 outputs for d = 16.
 *
 * <p>Reference: Gao, P., Trautmann, E., Yu, B. M., Santhanam, G., Ryu, S., Shenoy, K. and Ganguli, S.
 * (2017). A theory of multineuronal dimensionality, dynamics and measurement. bioRxiv 214262.
 * doi:10.1101/214262.
 */
public final class LatentUsageCheck implements Check {
    private static final List<String> METRICS = List.of("dimensions", "used", "ignored", "effectiveDimension",
            "maxSensitivity", "minRelativeSensitivity");
    private final String id;
    private final int batch;
    private final double step;
    private final double ignoreBelow;

    private LatentUsageCheck(String id, int batch, double step, double ignoreBelow) {
        this.id = id;
        this.batch = batch;
        this.step = step;
        this.ignoreBelow = ignoreBelow;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String type() {
        return "latent-usage";
    }

    @Override
    public Set<String> metricNames() {
        return new LinkedHashSet<>(METRICS);
    }

    @Override
    public Set<Requirement> requirements() {
        return Set.of(Requirement.GENERATOR);
    }

    @Override
    public CheckResult run(CheckInput input) {
        Generator generator = input.generator().orElseThrow(() -> new InvalidInputException(
                "check '" + id + "' needs the generator"));
        int d = input.prior().dimension();
        Latents base = input.latents().slice(0, Math.min(batch, input.latents().rows()));
        int n = base.rows();
        double[] sensitivity = new double[d];
        for (int u = 0; u < d; u++) {
            double[] z = new double[2 * n * d];
            double[] delta = new double[n];
            for (int i = 0; i < n; i++) {
                double[] row = base.row(i);
                float plus = (float) (row[u] + step);
                float minus = (float) (row[u] - step);
                delta[i] = (double) plus - (double) minus;
                System.arraycopy(row, 0, z, 2 * i * d, d);
                System.arraycopy(row, 0, z, (2 * i + 1) * d, d);
                z[2 * i * d + u] = plus;
                z[(2 * i + 1) * d + u] = minus;
            }
            Samples out = InterpolationCheck.generate(generator, Latents.ofOwned(2 * n, d, z));
            double s = 0;
            for (int i = 0; i < n; i++) {
                double ss = 0;
                for (int c = 0; c < out.columns(); c++) {
                    double e = out.value(2 * i, c) - out.value(2 * i + 1, c);
                    ss += e * e;
                }
                s += ss / (delta[i] * delta[i]);
            }
            sensitivity[u] = s / n;
        }
        return summarize(sensitivity);
    }

    /** The metrics, table and chart of the sensitivities S_u. */
    CheckResult summarize(double[] sensitivity) {
        int d = sensitivity.length;
        double max = 0;
        double sum = 0;
        double squares = 0;
        for (double s : sensitivity) {
            max = Math.max(max, s);
            sum += s;
            squares += s * s;
        }
        double[] relative = new double[d];
        long[] ignored = new long[d];
        long[] unit = new long[d];
        long count = 0;
        double minRelative = Double.POSITIVE_INFINITY;
        double[] floored = new double[d];
        for (int u = 0; u < d; u++) {
            unit[u] = u;
            relative[u] = max > 0 ? sensitivity[u] / max : 0;
            ignored[u] = relative[u] < ignoreBelow ? 1 : 0;
            count += ignored[u];
            minRelative = Math.min(minRelative, relative[u]);
            floored[u] = Math.max(relative[u], ignoreBelow * 1e-4);
        }
        Chart chart = EncodedRows.perUnit("Relative sensitivity E||dG/dz_u||^2 / max of each latent coordinate",
                "relative sensitivity", floored, ignoreBelow, "Chart of each latent coordinate's mean squared "
                        + "output derivative relative to the largest, on a log scale (zeros drawn at "
                        + ignoreBelow * 1e-4 + "); " + count + " of " + d + " coordinates lie below " + ignoreBelow
                        + " and count as ignored.")
                .withYScale(Chart.Scale.LOG);
        return CheckResult.builder(this)
                .metric("dimensions", d)
                .metric("used", d - count)
                .metric("ignored", count)
                .metric("effectiveDimension", squares > 0 ? sum * sum / squares : 0)
                .metric("maxSensitivity", max)
                .metric("minRelativeSensitivity", minRelative)
                .chart(chart)
                .sampleTable(SampleTable.builder().column("unit", unit).column("sensitivity", sensitivity)
                        .column("relativeSensitivity", relative).column("ignored", ignored).build())
                .build();
    }

    /** Provides {@code type: latent-usage} with {@code batch}, {@code step} and {@code ignore_below}. */
    public static final class Provider implements CheckProvider {
        @Override
        public String type() {
            return "latent-usage";
        }

        @Override
        public Check create(String id, Options options) {
            int batch = options.integer("batch", 256, 1);
            double step = options.number("step", 0.01);
            if (!(step > 0) || Double.isInfinite(step)) {
                throw new InvalidInputException(options.where("step") + ": " + options.section()
                        + ".step is not positive and finite: " + step);
            }
            double ignoreBelow = options.number("ignore_below", 0.01);
            if (!(ignoreBelow > 0 && ignoreBelow < 1)) {
                throw new InvalidInputException(options.where("ignore_below") + ": " + options.section()
                        + ".ignore_below is not in (0, 1): " + ignoreBelow);
            }
            return new LatentUsageCheck(id, batch, step, ignoreBelow);
        }
    }
}
