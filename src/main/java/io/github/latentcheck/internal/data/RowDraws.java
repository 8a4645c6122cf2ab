package io.github.latentcheck.internal.data;

import io.github.latentcheck.data.Samples;
import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;

/** Seeded draws of rows without replacement, shared by the two-sample checks and assertions. */
public final class RowDraws {
    private RowDraws() {
    }

    /**
     * The rows the {@code mmd} and {@code energy} checks test, also used by {@code hasSameJointDistributionAs}
     * so that the assertion and the check draw the same rows for the same seed.
     *
     * @param s the samples
     * @param max the most rows to keep
     * @param rng the random stream the draw uses (the sample's rows, then the training rows, in that order)
     * @return at most {@code max} rows of {@code s}, drawn without replacement, in their original order,
     *     row-major
     */
    public static double[] subsample(Samples s, int max, UniformRandomProvider rng) {
        int n = s.rows();
        int[] index = new int[n];
        Arrays.setAll(index, i -> i);
        int k = Math.min(max, n);
        if (k < n) {
            for (int i = 0; i < k; i++) {
                int j = i + rng.nextInt(n - i);
                int t = index[i];
                index[i] = index[j];
                index[j] = t;
            }
            Arrays.sort(index, 0, k);
        }
        int d = s.columns();
        double[] rows = new double[k * d];
        for (int i = 0; i < k; i++) {
            for (int c = 0; c < d; c++) {
                rows[i * d + c] = s.value(index[i], c);
            }
        }
        return rows;
    }
}
