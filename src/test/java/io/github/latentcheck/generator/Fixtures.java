package io.github.latentcheck.generator;

import io.github.latentcheck.data.Samples;
import io.github.latentcheck.modes.GaussianMixture;

/** Helpers shared by the generator tests. */
final class Fixtures {
    private Fixtures() {
    }

    /** @return for each row of {@code x}, the index of the nearest centre of {@code mixture} */
    static int[] nearestCentre(Samples x, GaussianMixture mixture) {
        int[] mode = new int[x.rows()];
        for (int r = 0; r < x.rows(); r++) {
            double best = Double.POSITIVE_INFINITY;
            for (int k = 0; k < mixture.modes(); k++) {
                double d2 = 0;
                for (int a = 0; a < mixture.dimension(); a++) {
                    double diff = x.value(r, a) - mixture.centre(k, a);
                    d2 += diff * diff;
                }
                if (d2 < best) {
                    best = d2;
                    mode[r] = k;
                }
            }
        }
        return mode;
    }

    /** @return how many rows were assigned to each of {@code k} modes */
    static long[] counts(int[] modes, int k) {
        long[] counts = new long[k];
        for (int m : modes) {
            counts[m]++;
        }
        return counts;
    }
}
