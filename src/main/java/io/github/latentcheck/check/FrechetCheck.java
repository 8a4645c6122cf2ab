package io.github.latentcheck.check;

import io.github.latentcheck.data.Samples;
import io.github.latentcheck.internal.metrics.FrechetDistance;
import io.github.latentcheck.spec.Options;
import java.util.List;
import java.util.Set;

/**
 * {@code frechet}: the Fréchet distance (FID-style) between Gaussians fitted to the generated samples and the
 * training rows, in the space the samples are in; formula, numerics and references in {@link FrechetDistance}.
 *
 * <p>Metrics: {@code fd}, its percentile bootstrap interval {@code fdLower}, {@code fdUpper} ({@code bootstrap}
 * replicates, default 200, at {@code confidence}, default 0.95), {@code fdInfinity} (Chong &amp; Forsyth's FD∞,
 * {@code fd_inf_points} subset sizes, default 15, from {@code fd_inf_min_fraction}, default 0.1, of the
 * generated rows), {@code bias} (the estimated bias at the sample size used, slope / N: FD's bias falls as
 * 1/N, so four times the samples quarter it, while the interval narrows as \(1/\sqrt N\)), and
 * {@code baselineFd}, FD of the holdout rows against the training rows (NaN without holdout), the value a
 * generator as good as fresh data would reach at the holdout's size. An estimate: no verdict of its own.
 */
final class FrechetCheck extends EstimateCheck {
    private static final List<String> METRICS = List.of("fd", "fdLower", "fdUpper", "fdInfinity", "bias",
            "baselineFd");
    private final FrechetDistance metric;

    private FrechetCheck(String id, FrechetDistance metric) {
        super(id, "frechet", METRICS, Set.of(Requirement.TRAINING));
        this.metric = metric;
    }

    @Override
    public CheckResult run(CheckInput input) {
        Samples training = input.requireTrainingLikeSamples();
        FrechetDistance.Result r = metric.withSeed(input.seed()).withThreads(input.threads())
                .compute(input.samples(), training);
        double baseline = input.holdout().map(h -> FrechetDistance.distance(h, training)).orElse(Double.NaN);
        return CheckResult.builder(this)
                .metric("fd", r.distance())
                .metric("fdLower", r.lower())
                .metric("fdUpper", r.upper())
                .metric("fdInfinity", r.infinity())
                .metric("bias", r.bias())
                .metric("baselineFd", baseline)
                .chart(intervalChart("Fréchet distance", List.of("FD", "FD-infinity"),
                        new double[] {r.distance(), r.infinity()}, new double[] {r.lower(), Double.NaN},
                        new double[] {r.upper(), Double.NaN}, new double[] {baseline, Double.NaN}))
                .build();
    }

    /** Provides {@code type: frechet} with {@code bootstrap}, {@code confidence}, {@code fd_inf_points}, {@code fd_inf_min_fraction}. */
    public static final class Provider implements CheckProvider {
        @Override
        public String type() {
            return "frechet";
        }

        @Override
        public Check create(String id, Options options) {
            return new FrechetCheck(id, FrechetDistance.withDefaults()
                    .withBootstrap(options.integer("bootstrap", 200, 2))
                    .withConfidence(options.number("confidence", 0.95))
                    .withExtrapolationPoints(options.integer("fd_inf_points", 15, 2))
                    .withMinFraction(options.number("fd_inf_min_fraction", 0.1)));
        }
    }
}
