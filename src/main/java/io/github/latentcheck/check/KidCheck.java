package io.github.latentcheck.check;

import io.github.latentcheck.data.Samples;
import io.github.latentcheck.internal.metrics.KernelInceptionDistance;
import io.github.latentcheck.spec.Options;
import io.github.latentcheck.stats.Permutations;
import java.util.List;
import java.util.Set;

/**
 * {@code kid}: the kernel (inception) distance, the unbiased MMD² with the cubic polynomial kernel
 * \((x \cdot y / d + 1)^3\), of the generated samples against the training rows; definitions and references in
 * {@link KernelInceptionDistance}.
 *
 * <p>Metrics: {@code kid} and {@code kidStd}, the mean and standard deviation over {@code subsets} (100) subsets of
 * {@code subset_size} (1000) rows, as torch-fidelity reports them; {@code mmd2}, the estimate on at most
 * {@code max_rows} (1000) rows per side, with its percentile bootstrap interval {@code mmd2Lower}, {@code mmd2Upper}
 * ({@code bootstrap} 200, {@code confidence} 0.95) and its permutation p-value {@code pValue} ({@code permutations}
 * 999); {@code subsetSize} as used; {@code baselineKid}, the subset mean of the holdout against the training rows
 * (NaN without holdout). The estimator is unbiased at every sample size; its spread falls as \(1/\sqrt n\) when
 * the distributions differ and as 1/n when they do not. An estimate: no verdict of its own (gate
 * {@code kid.pValue}, for instance).
 */
final class KidCheck extends EstimateCheck {
    private static final List<String> METRICS = List.of("kid", "kidStd", "mmd2", "mmd2Lower", "mmd2Upper", "pValue",
            "subsetSize", "baselineKid");
    private final KernelInceptionDistance metric;

    private KidCheck(String id, KernelInceptionDistance metric) {
        super(id, "kid", METRICS, Set.of(Requirement.TRAINING));
        this.metric = metric;
    }

    @Override
    public CheckResult run(CheckInput input) {
        Samples training = input.requireTrainingLikeSamples();
        KernelInceptionDistance k = metric.withSeed(input.seed()).withThreads(input.threads());
        KernelInceptionDistance.Result r = k.compute(input.samples(), training);
        double baseline = input.holdout().map(h -> k.withPermutations(1).withBootstrap(2).compute(h, training).mean())
                .orElse(Double.NaN);
        return CheckResult.builder(this)
                .metric("kid", r.mean())
                .metric("kidStd", r.sd())
                .metric("mmd2", r.statistic())
                .metric("mmd2Lower", r.lower())
                .metric("mmd2Upper", r.upper())
                .metric("pValue", r.pValue())
                .metric("subsetSize", r.subsetSize())
                .metric("baselineKid", baseline)
                .chart(intervalChart("Kernel inception distance", List.of("MMD² (interval: bootstrap)",
                        "KID (interval: mean ± sd over subsets)"), new double[] {r.statistic(), r.mean()},
                        new double[] {r.lower(), r.mean() - r.sd()}, new double[] {r.upper(), r.mean() + r.sd()},
                        new double[] {Double.NaN, baseline}))
                .build();
    }

    /**
     * Provides {@code type: kid} with {@code subset_size}, {@code subsets}, {@code max_rows}, {@code permutations},
     * {@code bootstrap}, {@code confidence}.
     */
    public static final class Provider implements CheckProvider {
        @Override
        public String type() {
            return "kid";
        }

        @Override
        public Check create(String id, Options options) {
            return new KidCheck(id, KernelInceptionDistance.withDefaults()
                    .withSubsetSize(options.integer("subset_size", 1000, 2))
                    .withSubsets(options.integer("subsets", 100, 1))
                    .withMaxRows(options.integer("max_rows", 1000, 2))
                    .withPermutations(options.integer("permutations", Permutations.DEFAULT_PERMUTATIONS, 1))
                    .withBootstrap(options.integer("bootstrap", 200, 2))
                    .withConfidence(options.number("confidence", 0.95)));
        }
    }
}
