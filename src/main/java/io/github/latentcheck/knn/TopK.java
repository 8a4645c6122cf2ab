package io.github.latentcheck.knn;

/**
 * The k smallest (squared distance, index) pairs seen so far, ordered by distance then index, kept
 * by insertion into a sorted array (k is small: up to ~50).
 */
final class TopK {
    private final int k;
    private final double[] squared;
    private final int[] index;
    private int size;

    TopK(int k) {
        this.k = k;
        this.squared = new double[k];
        this.index = new int[k];
    }

    void clear() {
        size = 0;
    }

    /** @return the k-th smallest squared distance kept, or infinity while fewer than k are kept */
    double worst() {
        return size == k ? squared[k - 1] : Double.POSITIVE_INFINITY;
    }

    /** Keeps the pair if it is among the k smallest; equal distances keep the lower index first. */
    void offer(double distance2, int i) {
        if (size == k && !(distance2 < squared[k - 1] || distance2 == squared[k - 1] && i < index[k - 1])) {
            return;
        }
        int pos = size < k ? size++ : k - 1;
        while (pos > 0 && (squared[pos - 1] > distance2 || squared[pos - 1] == distance2 && index[pos - 1] > i)) {
            squared[pos] = squared[pos - 1];
            index[pos] = index[pos - 1];
            pos--;
        }
        squared[pos] = distance2;
        index[pos] = i;
    }

    /** Offers every pair that {@code other} keeps. */
    void offerAll(TopK other) {
        for (int j = 0; j < other.size; j++) {
            offer(other.squared[j], other.index[j]);
        }
    }

    /** Writes the kept pairs, nearest first, as indices and Euclidean distances. */
    void drainTo(int[] indices, double[] distances, int offset) {
        for (int j = 0; j < size; j++) {
            indices[offset + j] = index[j];
            distances[offset + j] = Math.sqrt(squared[j]);
        }
    }
}
