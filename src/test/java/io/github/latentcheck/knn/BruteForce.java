package io.github.latentcheck.knn;

import io.github.latentcheck.data.Samples;
import java.util.SplittableRandom;

/** The plain exact search that the engine must reproduce bit for bit, and test data. */
final class BruteForce {
    private BruteForce() {
    }

    /**
     * The k nearest by (squared distance in double summed in column order, index), by repeated
     * selection of the first strict minimum.
     *
     * @return {@code [int[] indices, double[] distances]}, query-major
     */
    static Object[] search(Samples queries, Samples reference, int k, boolean excludeSelf) {
        int n = queries.rows();
        int m = reference.rows();
        int d = queries.columns();
        int[] indices = new int[n * k];
        double[] distances = new double[n * k];
        for (int i = 0; i < n; i++) {
            double[] d2 = new double[m];
            for (int j = 0; j < m; j++) {
                double s = 0;
                for (int c = 0; c < d; c++) {
                    double diff = (double) queries.value(i, c) - reference.value(j, c);
                    s += diff * diff;
                }
                d2[j] = s;
            }
            boolean[] taken = new boolean[m];
            if (excludeSelf) {
                taken[i] = true;
            }
            for (int r = 0; r < k; r++) {
                int best = -1;
                for (int j = 0; j < m; j++) {
                    if (!taken[j] && (best < 0 || d2[j] < d2[best])) {
                        best = j;
                    }
                }
                taken[best] = true;
                indices[i * k + r] = best;
                distances[i * k + r] = Math.sqrt(d2[best]);
            }
        }
        return new Object[] {indices, distances};
    }

    static int[] indices(Neighbors nn) {
        int[] out = new int[nn.queries() * nn.k()];
        for (int q = 0; q < nn.queries(); q++) {
            for (int r = 0; r < nn.k(); r++) {
                out[q * nn.k() + r] = nn.index(q, r);
            }
        }
        return out;
    }

    static double[] distances(Neighbors nn) {
        double[] out = new double[nn.queries() * nn.k()];
        for (int q = 0; q < nn.queries(); q++) {
            for (int r = 0; r < nn.k(); r++) {
                out[q * nn.k() + r] = nn.distance(q, r);
            }
        }
        return out;
    }

    /** Uniform values in [−1, 1) times {@code scale} plus {@code offset}. */
    static Samples uniform(long seed, int rows, int columns, double scale, double offset) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] v = new float[rows * columns];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (offset + scale * (2 * rng.nextDouble() - 1));
        }
        return Samples.of(rows, columns, v);
    }

    /** Integer values in [0, levels): many exact ties and duplicates. */
    static Samples integers(long seed, int rows, int columns, int levels) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] v = new float[rows * columns];
        for (int i = 0; i < v.length; i++) {
            v[i] = rng.nextInt(levels);
        }
        return Samples.of(rows, columns, v);
    }
}
