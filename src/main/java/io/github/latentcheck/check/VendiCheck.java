package io.github.latentcheck.check;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.internal.metrics.VendiScore;
import io.github.latentcheck.spec.Options;
import java.util.List;
import java.util.Set;

/**
 * {@code vendi}: the Vendi score (Friedman &amp; Dieng 2023, arXiv:2210.02410) of the generated samples, the
 * effective number of distinct samples; definition, kernels and the dual form in {@link VendiScore}.
 *
 * <p>Options: {@code kernel} ({@code cosine}, the default, or {@code rbf}), {@code bandwidth} (RBF σ; default the
 * median pairwise distance), {@code max_rows} (500, RBF and n ≤ d only), {@code bootstrap} (200),
 * {@code confidence} (0.95). Metrics: {@code vendi}, {@code vendiLower}, {@code vendiUpper} (percentile bootstrap,
 * width ∝ \(1/\sqrt n\)), {@code rows} used, and {@code baselineVendi}, the score of the holdout rows with the same
 * kernel (NaN without holdout). An estimate: no verdict of its own.
 */
final class VendiCheck extends EstimateCheck {
    private static final List<String> METRICS = List.of("vendi", "vendiLower", "vendiUpper", "rows", "baselineVendi");
    private final VendiScore metric;

    private VendiCheck(String id, VendiScore metric) {
        super(id, "vendi", METRICS, Set.of());
        this.metric = metric;
    }

    @Override
    public CheckResult run(CheckInput input) {
        VendiScore v = metric.withSeed(input.seed()).withThreads(input.threads());
        VendiScore.Result r = v.compute(input.samples());
        double baseline = input.holdout().map(h -> v.withBootstrap(2).compute(h).score()).orElse(Double.NaN);
        return CheckResult.builder(this)
                .metric("vendi", r.score())
                .metric("vendiLower", r.lower())
                .metric("vendiUpper", r.upper())
                .metric("rows", r.rows())
                .metric("baselineVendi", baseline)
                .chart(intervalChart("Vendi score", List.of("Vendi score"), new double[] {r.score()},
                        new double[] {r.lower()}, new double[] {r.upper()}, new double[] {baseline}))
                .build();
    }

    /** Provides {@code type: vendi} with {@code kernel}, {@code bandwidth}, {@code max_rows}, {@code bootstrap}, {@code confidence}. */
    public static final class Provider implements CheckProvider {
        @Override
        public String type() {
            return "vendi";
        }

        @Override
        public Check create(String id, Options options) {
            String kernel = options.string("kernel", "cosine");
            VendiScore v;
            switch (kernel) {
                case "cosine" -> v = VendiScore.withDefaults().withKernel(VendiScore.Kernel.COSINE);
                case "rbf" -> v = VendiScore.withDefaults().withKernel(VendiScore.Kernel.RBF);
                default -> throw new InvalidInputException(options.where("kernel") + ": kernel is not cosine or rbf: "
                        + kernel);
            }
            if (options.has("bandwidth")) {
                v = v.withBandwidth(options.requireNumber("bandwidth"));
            }
            return new VendiCheck(id, v.withMaxRows(options.integer("max_rows", 500, 2))
                    .withBootstrap(options.integer("bootstrap", 200, 2))
                    .withConfidence(options.number("confidence", 0.95)));
        }
    }
}
