package io.github.latentcheck.internal.stats;

import java.util.HashMap;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * A uniform subset of k of the indices 0 … n − 1 without replacement, drawn exactly as Commons RNG's
 * {@link org.apache.commons.rng.sampling.PermutationSampler}{@code (rng, n, k).sample()} draws it (the same indices in the same order,
 * the same calls to {@code rng}), but in memory proportional to k rather than n. The sampler shuffles
 * a full {@code int[n]} from its end, min(k, n − 1) swaps of position i with
 * {@code rng.nextInt(i + 1)}, and returns the last k positions; here only the displaced positions are
 * kept, in a map. Written here because Commons RNG has no subset sampler that avoids the
 * {@code int[n]} (its {@code CombinationSampler} allocates it too), which at 10⁹ training rows is
 * 4 GB for a subset of 10⁴.
 */
public final class SparseSubset {
    private SparseSubset() {
    }

    /**
     * @param rng the source of randomness
     * @param n the size of the domain, at least 1
     * @param k the size of the subset, in [1, n]
     * @return k distinct indices, as {@code new PermutationSampler(rng, n, k).sample()} returns them
     * @throws IllegalArgumentException if k is not in [1, n]
     */
    public static int[] sample(UniformRandomProvider rng, int n, int k) {
        if (k < 1 || k > n) {
            throw new IllegalArgumentException("subset size is not in [1, " + n + "]: " + k);
        }
        Map<Integer, Integer> moved = new HashMap<>();
        int i = n - 1;
        for (int steps = Math.min(k, n - 1); steps > 0; steps--, i--) {
            int j = rng.nextInt(i + 1);
            int atJ = moved.getOrDefault(j, j);
            moved.put(j, moved.getOrDefault(i, i));
            moved.put(i, atJ);
        }
        int[] out = new int[k];
        for (int r = 0; r < k; r++) {
            int position = n - k + r;
            out[r] = moved.getOrDefault(position, position);
        }
        return out;
    }
}
