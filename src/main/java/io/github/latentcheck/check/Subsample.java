package io.github.latentcheck.check;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/** Seeded, thread-independent choice of the rows a chart draws, so charts stay small and reproducible. */
final class Subsample {
    private Subsample() {
    }

    /**
     * @param n the number of rows
     * @param max the most rows to keep
     * @param seed the seed of the choice
     * @return every row when n ≤ max, else max distinct rows drawn without replacement (partial
     *     Fisher–Yates on a XoShiRo256++ stream), in increasing order
     */
    static int[] rows(int n, int max, long seed) {
        int[] index = new int[n];
        Arrays.setAll(index, i -> i);
        if (n <= max) {
            return index;
        }
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(seed);
        for (int i = 0; i < max; i++) {
            int j = i + rng.nextInt(n - i);
            int t = index[i];
            index[i] = index[j];
            index[j] = t;
        }
        int[] chosen = Arrays.copyOf(index, max);
        Arrays.sort(chosen);
        return chosen;
    }
}
