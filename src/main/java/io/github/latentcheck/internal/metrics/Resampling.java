package io.github.latentcheck.internal.metrics;

import io.github.latentcheck.InvalidInputException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.commons.rng.JumpableUniformRandomProvider;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Seeded resampling shared by the feature-space metrics: one random stream per replicate (the
 * replicate-th jump of a XoShiRo256++ generator seeded with the seed, Commons RNG), so that what a
 * replicate draws depends on the seed and its index, never on the number of threads; bootstrap
 * weights as multinomial counts; percentile and Wilson intervals.
 */
final class Resampling {
    private Resampling() {
    }

    /**
     * @param seed the seed
     * @param count the number of streams
     * @return {@code count} independent streams, the b-th used by replicate b
     */
    static List<UniformRandomProvider> streams(long seed, int count) {
        JumpableUniformRandomProvider root = (JumpableUniformRandomProvider) RandomSource.XO_SHI_RO_256_PP.create(seed);
        return root.jumps(count).collect(Collectors.toList());
    }

    /**
     * The bootstrap resample of n rows as counts: row i is drawn {@code counts[i]} times in n draws
     * with replacement.
     *
     * @param rng the stream
     * @param n the rows
     * @return the counts, summing to n
     */
    static int[] counts(UniformRandomProvider rng, int n) {
        int[] counts = new int[n];
        for (int i = 0; i < n; i++) {
            counts[rng.nextInt(n)]++;
        }
        return counts;
    }

    /**
     * @param rng the stream
     * @param n the rows
     * @param k how many to keep, at most n
     * @return k distinct indices drawn uniformly without replacement (a partial Fisher–Yates shuffle), in draw order
     */
    static int[] withoutReplacement(UniformRandomProvider rng, int n, int k) {
        int[] index = new int[n];
        Arrays.setAll(index, i -> i);
        for (int i = 0; i < k; i++) {
            int j = i + rng.nextInt(n - i);
            int t = index[i];
            index[i] = index[j];
            index[j] = t;
        }
        return Arrays.copyOf(index, k);
    }

    /**
     * The p-quantile of sorted values with linear interpolation between order statistics (numpy's
     * default, Hyndman &amp; Fan type 7): position \(h = (n - 1) p\).
     *
     * @param sorted values in ascending order, at least one
     * @param p the probability, in [0, 1]
     * @return the quantile
     */
    static double quantile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    /**
     * The percentile bootstrap interval: the (1 − c)/2 and (1 + c)/2 quantiles of the replicates
     * (Efron &amp; Tibshirani 1993, ch. 13).
     *
     * @param replicates the bootstrap replicates (sorted in place)
     * @param confidence c, in (0, 1)
     * @return {lower, upper}
     */
    static double[] percentileInterval(double[] replicates, double confidence) {
        Arrays.sort(replicates);
        return new double[] {quantile(replicates, (1 - confidence) / 2), quantile(replicates, (1 + confidence) / 2)};
    }

    /**
     * @param name the option's name
     * @param v the confidence level
     * @return v
     * @throws InvalidInputException unless v is in (0, 1)
     */
    static double checkConfidence(String name, double v) {
        if (!(v > 0 && v < 1)) {
            throw new InvalidInputException(name + " is not in (0, 1): " + v);
        }
        return v;
    }

    /**
     * @param name the option's name
     * @param v a count
     * @param min its least value
     * @return v
     * @throws InvalidInputException if v is below min
     */
    static int checkAtLeast(String name, int v, int min) {
        if (v < min) {
            throw new InvalidInputException(name + " is not at least " + min + ": " + v);
        }
        return v;
    }
}
