package io.github.latentcheck.knn;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.concurrent.Tasks;
import io.github.latentcheck.data.Samples;

/**
 * Exact k-nearest-neighbour search by Euclidean distance, shared by the coverage and memorization
 * checks. Results are exact and deterministic: distances are computed in double precision from the
 * float32 rows, ties are broken by the lowest reference index, and work is split by query block, so
 * any thread count gives the same answer.
 *
 * <pre>{@code
 * Neighbors nn = NearestNeighborSearch.withDefaults().withK(5).search(generated, training);
 * }</pre>
 */
public final class NearestNeighborSearch {
    /** Query rows per task. */
    static final int QUERY_BLOCK = 256;

    private final int k;
    private final int threads;

    private NearestNeighborSearch(int k, int threads) {
        this.k = k;
        this.threads = threads;
    }

    /**
     * Defaults: {@code k = 1}; as many threads as available processors.
     *
     * @return the search with defaults
     */
    public static NearestNeighborSearch withDefaults() {
        return new NearestNeighborSearch(1, Tasks.defaultThreads());
    }

    /**
     * @param v neighbours per query, at least 1
     * @return a copy with that k
     */
    public NearestNeighborSearch withK(int v) {
        if (v < 1) {
            throw new InvalidInputException("k is not at least 1: " + v);
        }
        return new NearestNeighborSearch(v, threads);
    }

    /**
     * @param v the number of threads, at least 1 (results do not depend on it)
     * @return a copy with that thread count
     */
    public NearestNeighborSearch withThreads(int v) {
        if (v < 1) {
            throw new InvalidInputException("threads is not at least 1: " + v);
        }
        return new NearestNeighborSearch(k, v);
    }

    /** @return neighbours per query */
    public int k() {
        return k;
    }

    /**
     * @param queries the rows whose neighbours are sought
     * @param reference the rows among which they are sought
     * @return the k nearest reference rows of every query
     * @throws InvalidInputException if the dimensions differ or k exceeds the reference rows
     */
    public Neighbors search(Samples queries, Samples reference) {
        checkShapes(queries, reference, k);
        return run(queries, reference, false);
    }

    /**
     * The neighbours of every row among the other rows of the same set: row i is never its own
     * neighbour, but a duplicate of row i is (at distance 0).
     *
     * @param data the rows
     * @return the k nearest other rows of every row
     * @throws InvalidInputException if k is not below the number of rows
     */
    public Neighbors searchWithin(Samples data) {
        checkShapes(data, data, k + 1);
        return run(data, data, true);
    }

    private static void checkShapes(Samples queries, Samples reference, int neededRows) {
        if (queries.columns() != reference.columns()) {
            throw new InvalidInputException("queries have " + queries.columns() + " columns but the reference rows have "
                    + reference.columns());
        }
        if (reference.rows() < neededRows) {
            throw new InvalidInputException("k-nearest-neighbour search needs at least " + neededRows
                    + " reference rows: " + reference.rows());
        }
    }

    private Neighbors run(Samples queries, Samples reference, boolean excludeSelf) {
        int n = queries.rows();
        int[] indices = new int[n * k];
        double[] distances = new double[n * k];
        float[] q = queries.toArray();
        float[] r = excludeSelf ? q : reference.toArray();
        int d = queries.columns();
        int m = reference.rows();
        int blocks = (n + QUERY_BLOCK - 1) / QUERY_BLOCK;
        Tasks.run(blocks, threads, b -> {
            TopK top = new TopK(k);
            for (int i = b * QUERY_BLOCK, end = Math.min(n, i + QUERY_BLOCK); i < end; i++) {
                top.clear();
                int qi = i * d;
                for (int j = 0; j < m; j++) {
                    if (excludeSelf && j == i) {
                        continue;
                    }
                    double s = 0;
                    int rj = j * d;
                    for (int c = 0; c < d; c++) {
                        double diff = (double) q[qi + c] - r[rj + c];
                        s += diff * diff;
                    }
                    top.offer(s, j);
                }
                top.drainTo(indices, distances, i * k);
            }
        });
        return Neighbors.ofOwned(n, k, indices, distances);
    }
}
