package io.github.latentcheck.power;

import io.github.latentcheck.internal.concurrent.Tasks;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * The rejection rate of a real one-sample test on seeded N(shift, 1) samples, the independent simulation
 * the power models are checked against: blocks of {@value #BLOCK} replicates on jumped streams of
 * {@link io.github.latentcheck.internal.concurrent.Tasks#streams}, so the count does not depend on the thread count.
 */
public final class ShiftedNormalRejections {
    /** Replicates per random stream. */
    public static final int BLOCK = 100;

    private ShiftedNormalRejections() {
    }

    /**
     * @param seed the simulation's seed
     * @param n the sample size
     * @param shift the mean of the samples
     * @param replicates the number of samples
     * @param rejects whether the real test rejects a sample (which it must not keep)
     * @return the share of samples rejected
     */
    public static double rate(long seed, int n, double shift, int replicates, Predicate<double[]> rejects) {
        int blocks = (replicates + BLOCK - 1) / BLOCK;
        List<UniformRandomProvider> streams = Tasks.streams(seed, blocks);
        int[] rejected = new int[blocks];
        Tasks.run(blocks, Tasks.defaultThreads(), b -> {
            ZigguratSampler.NormalizedGaussian gaussian = ZigguratSampler.NormalizedGaussian.of(streams.get(b));
            double[] x = new double[n];
            for (int r = b * BLOCK; r < Math.min(replicates, (b + 1) * BLOCK); r++) {
                for (int i = 0; i < n; i++) {
                    x[i] = shift + gaussian.sample();
                }
                rejected[b] += rejects.test(x) ? 1 : 0;
            }
        });
        return (double) IntStream.of(rejected).sum() / replicates;
    }
}
