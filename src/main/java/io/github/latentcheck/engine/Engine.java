package io.github.latentcheck.engine;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.data.Samples;
import io.github.latentcheck.knn.Neighbors;
import io.github.latentcheck.knn.ReferenceRows;
import java.util.function.LongConsumer;

/**
 * Where the heavy passes of an audit over the training rows run: the k-NN of the queries (generated
 * samples and held-out rows) among the training rows, every training row's distance to its nearest
 * generated sample ranked against the held-out rows' (the membership pass), and the range of the
 * training values (the gallery's grey scale).
 * {@link #local()} runs them on this machine ({@code NearestNeighborSearch}, memory-mapped shards
 * streamed block by block); the {@code spark} engine ({@link Engines#spark(String, int)}) runs them as
 * Apache Spark jobs. Every engine gives the same answers, bit for bit: distances are exact (computed
 * in double from the values as given) and ties go to the lowest row index, that is the lowest
 * (shard, row), so the way the rows are cut into tasks cannot change a result.
 *
 * <p>Everything else an audit reads of the training rows (a subsample, the gallery's rows, k-means'
 * fitting rows) is read by row index on the caller's side ({@link ReferenceRows#row(int)}).
 */
public interface Engine {
    /** @return the engine's name: {@code local} or {@code spark} */
    String name();

    /**
     * @param queries the rows whose neighbours are sought (small: they are sent to every task)
     * @param training the training rows
     * @param k neighbours per query, at least 1 and at most the training rows
     * @param threads threads on this machine (the local engine); results do not depend on it
     * @param progress told the query rows done (query rows times the share of training rows met)
     * @return the k nearest training rows of every query, by index in {@code training}
     * @throws InvalidInputException if the columns differ, k is out of range or a value is not finite
     */
    Neighbors nearest(Samples queries, ReferenceRows training, int k, int threads, LongConsumer progress);

    /**
     * The membership pass: the training rows are the queries, ranked against the held-out rows by
     * their distance to the nearest generated sample. With \(d_t\) training row t's Euclidean
     * distance to its nearest row of {@code samples} and \(h_1, \dots, h_H\) the held-out rows' own,
     * it returns \(C = \sum_t \left(2\,\#\{j : h_j &gt; d_t\} + \#\{j : h_j = d_t\}\right)\), counted
     * exactly in integers per task and summed, so that \(C / (2NH)\) is the AUC
     * \(P(D &lt; H) + \tfrac12 P(D = H)\) of "is a training row" on every engine and thread count. Only
     * one number per task travels and no per-row array is kept.
     *
     * @param training the training rows
     * @param samples the rows searched (small: they are sent to every task)
     * @param holdoutDistances the held-out rows' distances to their nearest row of {@code samples}
     *     (small: sent to every task, sorted)
     * @param threads threads on this machine (the local engine); the count does not depend on it
     * @param progress told the training rows done
     * @return C, at most \(2NH\)
     * @throws InvalidInputException as {@link #nearest}
     */
    long membershipCount(ReferenceRows training, Samples samples, double[] holdoutDistances, int threads,
            LongConsumer progress);

    /**
     * @param training the training rows
     * @return {@code {min, max}} of every training value as float32 (exact for float32 rows)
     * @throws InvalidInputException if a value is not finite
     */
    float[] range(ReferenceRows training);

    /** @return the engine on this machine, the default */
    static Engine local() {
        return LocalEngine.INSTANCE;
    }
}
