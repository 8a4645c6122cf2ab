package io.github.latentcheck.knn;

import java.io.Serializable;
import java.util.Objects;

/**
 * The k nearest reference rows of every query row, nearest first: their indices and their exact
 * Euclidean distances. Among rows at the same distance the lower reference index comes first.
 * Serializable, so that engines that search part of the reference rows per task (the Spark
 * engine) can send the partial lists back to be {@linkplain #merge merged}.
 */
public final class Neighbors implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int queries;
    private final int k;
    private final int[] indices;
    private final double[] distances;

    private Neighbors(int queries, int k, int[] indices, double[] distances) {
        this.queries = queries;
        this.k = k;
        this.indices = indices;
        this.distances = distances;
    }

    /**
     * @param queries the number of query rows
     * @param k neighbours per query
     * @param indices {@code queries * k} reference indices, query-major, owned by the result
     * @param distances the matching Euclidean distances, owned by the result
     * @return the neighbours
     */
    static Neighbors ofOwned(int queries, int k, int[] indices, double[] distances) {
        if (indices.length != queries * k || distances.length != queries * k) {
            throw new IllegalArgumentException("neighbour arrays do not hold queries * k entries");
        }
        return new Neighbors(queries, k, indices, distances);
    }

    /** @return the number of query rows */
    public int queries() {
        return queries;
    }

    /** @return the neighbours per query */
    public int k() {
        return k;
    }

    /**
     * @param query the query row
     * @param rank 0 for the nearest, up to {@code k − 1}
     * @return the reference row index of that neighbour
     */
    public int index(int query, int rank) {
        return indices[slot(query, rank)];
    }

    /**
     * @param query the query row
     * @param rank 0 for the nearest, up to {@code k − 1}
     * @return the Euclidean distance to that neighbour, computed exactly in double precision
     */
    public double distance(int query, int rank) {
        return distances[slot(query, rank)];
    }

    /**
     * @param rank 0 for the nearest, up to {@code k − 1}
     * @return every query's distance to its neighbour of that rank (a new array)
     */
    public double[] distances(int rank) {
        Objects.checkIndex(rank, k);
        double[] out = new double[queries];
        for (int q = 0; q < queries; q++) {
            out[q] = distances[q * k + rank];
        }
        return out;
    }

    private int slot(int query, int rank) {
        Objects.checkIndex(rank, k);
        return Objects.checkIndex(query, queries) * k + rank;
    }

    /**
     * @param offset added to every reference index, e.g. the first row of the part of the reference
     *     rows that was searched
     * @return the same neighbours, their indices shifted
     */
    public Neighbors shifted(int offset) {
        int[] moved = new int[indices.length];
        for (int i = 0; i < moved.length; i++) {
            moved[i] = Math.addExact(indices[i], offset);
        }
        return new Neighbors(queries, k, moved, distances);
    }

    /**
     * Merges the neighbours of the same queries among two disjoint sets of reference rows (indices
     * counted in one numbering): per query the {@code k} nearest of both lists, nearest first, ties
     * to the lower index. Since (distance, index) orders rows totally, the answer does not depend on
     * the order in which partial lists are merged: merging the lists of every part of the
     * reference rows gives exactly the search over all of them.
     *
     * @param a neighbours among some reference rows
     * @param b neighbours of the same queries among other reference rows
     * @param k neighbours per query to keep, at least 1
     * @return the {@code min(k, a.k() + b.k())} nearest of both, per query
     * @throws IllegalArgumentException if the query counts differ or k is below 1
     */
    public static Neighbors merge(Neighbors a, Neighbors b, int k) {
        if (a.queries != b.queries || k < 1) {
            throw new IllegalArgumentException("cannot merge neighbours of " + a.queries + " and " + b.queries
                    + " queries into " + k + " per query");
        }
        int kept = Math.min(k, a.k + b.k);
        int[] indices = new int[Math.multiplyExact(a.queries, kept)];
        double[] distances = new double[indices.length];
        for (int q = 0; q < a.queries; q++) {
            int i = q * a.k;
            int iEnd = i + a.k;
            int j = q * b.k;
            int jEnd = j + b.k;
            for (int r = q * kept, end = r + kept; r < end; r++) {
                boolean takeA = j == jEnd || i < iEnd && (a.distances[i] < b.distances[j]
                        || a.distances[i] == b.distances[j] && a.indices[i] < b.indices[j]);
                if (takeA) {
                    indices[r] = a.indices[i];
                    distances[r] = a.distances[i++];
                } else {
                    indices[r] = b.indices[j];
                    distances[r] = b.distances[j++];
                }
            }
        }
        return new Neighbors(a.queries, kept, indices, distances);
    }
}
