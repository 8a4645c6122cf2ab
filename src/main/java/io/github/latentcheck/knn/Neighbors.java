package io.github.latentcheck.knn;

import java.util.Objects;

/**
 * The k nearest reference rows of every query row, nearest first: their indices and their exact
 * Euclidean distances. Among rows at the same distance the lower reference index comes first.
 */
public final class Neighbors {
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
}
