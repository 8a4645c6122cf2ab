package io.github.latentcheck.check;

import io.github.latentcheck.data.Samples;
import io.github.latentcheck.internal.metrics.PrecisionRecall;
import io.github.latentcheck.spec.Options;
import java.util.List;
import java.util.Set;

/**
 * {@code precision-recall}: improved precision and recall (Kynkäänniemi et al. 2019, arXiv:1904.06991; k = 3) of the
 * generated samples against the training rows, each with an interval; definitions in {@link PrecisionRecall}. The
 * same numbers as {@code prdc}'s {@code improvedPrecision} and {@code improvedRecall} (PRDC itself uses k = 5),
 * here with their uncertainty.
 *
 * <p>Options: {@code k} (3), {@code bootstrap} (200), {@code confidence} (0.95). Metrics: {@code precision},
 * {@code precisionLower}, {@code precisionUpper}, {@code recall}, {@code recallLower}, {@code recallUpper}
 * (conditional percentile bootstrap, width ∝ \(1/\sqrt n\)), and {@code baselinePrecision},
 * {@code baselineRecall}, the holdout's scores as if generated (NaN without holdout). An estimate: no verdict of
 * its own.
 */
final class PrecisionRecallCheck extends EstimateCheck {
    private static final List<String> METRICS = List.of("precision", "precisionLower", "precisionUpper", "recall",
            "recallLower", "recallUpper", "baselinePrecision", "baselineRecall");
    private final PrecisionRecall metric;

    private PrecisionRecallCheck(String id, PrecisionRecall metric) {
        super(id, "precision-recall", METRICS, Set.of(Requirement.TRAINING));
        this.metric = metric;
    }

    @Override
    public CheckResult run(CheckInput input) {
        Samples training = input.requireTrainingLikeSamples();
        PrecisionRecall m = metric.withSeed(input.seed()).withThreads(input.threads());
        PrecisionRecall.Result r = m.compute(input.samples(), training);
        PrecisionRecall.Result b = input.holdout().map(h -> m.withBootstrap(2).compute(h, training)).orElse(null);
        double bp = b == null ? Double.NaN : b.precision();
        double br = b == null ? Double.NaN : b.recall();
        return CheckResult.builder(this)
                .metric("precision", r.precision())
                .metric("precisionLower", r.precisionLower())
                .metric("precisionUpper", r.precisionUpper())
                .metric("recall", r.recall())
                .metric("recallLower", r.recallLower())
                .metric("recallUpper", r.recallUpper())
                .metric("baselinePrecision", bp)
                .metric("baselineRecall", br)
                .chart(intervalChart("Improved precision and recall", List.of("precision", "recall"),
                        new double[] {r.precision(), r.recall()}, new double[] {r.precisionLower(), r.recallLower()},
                        new double[] {r.precisionUpper(), r.recallUpper()}, new double[] {bp, br}))
                .build();
    }

    /** Provides {@code type: precision-recall} with {@code k}, {@code bootstrap}, {@code confidence}. */
    public static final class Provider implements CheckProvider {
        @Override
        public String type() {
            return "precision-recall";
        }

        @Override
        public Check create(String id, Options options) {
            return new PrecisionRecallCheck(id, PrecisionRecall.withDefaults()
                    .withK(options.integer("k", 3, 1))
                    .withBootstrap(options.integer("bootstrap", 200, 2))
                    .withConfidence(options.number("confidence", 0.95)));
        }
    }
}
