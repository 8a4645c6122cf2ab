package io.github.latentcheck.check;

import io.github.latentcheck.data.Samples;
import io.github.latentcheck.internal.metrics.Faithfulness;
import io.github.latentcheck.spec.Options;
import java.util.List;
import java.util.Set;

/**
 * {@code authenticity}: α-precision, β-recall and authenticity (Alaa et al. 2022, arXiv:2102.08921) of the
 * generated samples against the training rows, in the space the samples are in; definitions in
 * {@link Faithfulness} (per-sample authenticity; any numbers of generated and training rows).
 *
 * <p>Metrics: {@code alphaPrecision}, {@code betaRecall}, {@code authenticity}, each with a conditional percentile
 * bootstrap interval ({@code …Lower}, {@code …Upper}; {@code bootstrap} 200, {@code confidence} 0.95, width
 * ∝ \(1/\sqrt n\)); {@code baselineAuthenticity}, the authenticity of the holdout rows scored as if generated
 * (NaN without holdout): what fresh data from the training distribution scores. An estimate: no verdict of its own.
 */
final class AuthenticityCheck extends EstimateCheck {
    private static final List<String> METRICS = List.of("alphaPrecision", "alphaPrecisionLower",
            "alphaPrecisionUpper", "betaRecall", "betaRecallLower", "betaRecallUpper", "authenticity",
            "authenticityLower", "authenticityUpper", "baselineAuthenticity");
    private final Faithfulness metric;

    private AuthenticityCheck(String id, Faithfulness metric) {
        super(id, "authenticity", METRICS, Set.of(Requirement.TRAINING));
        this.metric = metric;
    }

    @Override
    public CheckResult run(CheckInput input) {
        Samples training = input.requireTrainingLikeSamples();
        Faithfulness f = metric.withSeed(input.seed()).withThreads(input.threads());
        Faithfulness.Result r = f.compute(input.samples(), training);
        double baseline = input.holdout().map(h -> f.withBootstrap(2).compute(h, training).authenticity())
                .orElse(Double.NaN);
        return CheckResult.builder(this)
                .metric("alphaPrecision", r.alphaPrecision())
                .metric("alphaPrecisionLower", r.alphaPrecisionLower())
                .metric("alphaPrecisionUpper", r.alphaPrecisionUpper())
                .metric("betaRecall", r.betaRecall())
                .metric("betaRecallLower", r.betaRecallLower())
                .metric("betaRecallUpper", r.betaRecallUpper())
                .metric("authenticity", r.authenticity())
                .metric("authenticityLower", r.authenticityLower())
                .metric("authenticityUpper", r.authenticityUpper())
                .metric("baselineAuthenticity", baseline)
                .chart(intervalChart("α-precision, β-recall, authenticity", List.of("α-precision", "β-recall",
                        "authenticity"), new double[] {r.alphaPrecision(), r.betaRecall(), r.authenticity()},
                        new double[] {r.alphaPrecisionLower(), r.betaRecallLower(), r.authenticityLower()},
                        new double[] {r.alphaPrecisionUpper(), r.betaRecallUpper(), r.authenticityUpper()},
                        new double[] {Double.NaN, Double.NaN, baseline}))
                .build();
    }

    /** Provides {@code type: authenticity} with {@code steps}, {@code bootstrap}, {@code confidence}. */
    public static final class Provider implements CheckProvider {
        @Override
        public String type() {
            return "authenticity";
        }

        @Override
        public Check create(String id, Options options) {
            return new AuthenticityCheck(id, Faithfulness.withDefaults()
                    .withSteps(options.integer("steps", 30, 2))
                    .withBootstrap(options.integer("bootstrap", 200, 2))
                    .withConfidence(options.number("confidence", 0.95)));
        }
    }
}
