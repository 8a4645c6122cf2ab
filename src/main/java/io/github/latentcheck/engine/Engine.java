package io.github.latentcheck.engine;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.data.Samples;
import io.github.latentcheck.knn.NearestNeighborSearch;
import io.github.latentcheck.knn.Neighbors;
import io.github.latentcheck.knn.ReferenceRows;
import java.util.List;
import java.util.Objects;
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
     * Rows whose nearest training rows are sought, and how many neighbours each of them needs.
     *
     * @param rows the query rows (small: they are sent to every task)
     * @param k neighbours per query row, at least 1 and at most the training rows
     */
    record Queries(Samples rows, int k) {
        public Queries {
            Objects.requireNonNull(rows, "rows");
            if (k < 1) {
                throw new InvalidInputException("k is not at least 1: " + k);
            }
        }
    }

    /**
     * The k-NN of several sets of query rows, each with its own k, among the training rows: the audit
     * asks for k = 50 for the generated samples and k = 1 for the held-out rows, where one search of both
     * at k = 50 spent a second of a 7-second audit keeping 50 neighbours that nobody read. The local
     * engine searches the sets one after another (its streamed search reads the training rows once per
     * group of queries anyway, so this adds no pass); the {@code spark} engine searches them all in every
     * task, in one pass over the training rows.
     *
     * @param queries the sets of query rows and their k
     * @param training the training rows
     * @param threads threads on this machine (the local engine); results do not depend on it
     * @param progress told the query rows done over all sets (query rows times the share of training
     *     rows met)
     * @return the k nearest training rows of every query row, by index in {@code training}: one answer per
     *     set, in order
     * @throws InvalidInputException if the columns differ, a k is out of range or a value is not finite
     */
    List<Neighbors> nearest(List<Queries> queries, ReferenceRows training, int threads, LongConsumer progress);

    /**
     * {@link #nearest(List, ReferenceRows, int, LongConsumer)} for one set of query rows.
     *
     * @param queries the rows whose neighbours are sought (small: they are sent to every task)
     * @param training the training rows
     * @param k neighbours per query, at least 1 and at most the training rows
     * @param threads threads on this machine (the local engine); results do not depend on it
     * @param progress told the query rows done (query rows times the share of training rows met)
     * @return the k nearest training rows of every query, by index in {@code training}
     * @throws InvalidInputException if the columns differ, k is out of range or a value is not finite
     */
    default Neighbors nearest(Samples queries, ReferenceRows training, int k, int threads, LongConsumer progress) {
        return nearest(List.of(new Queries(queries, k)), training, threads, progress).get(0);
    }

    /**
     * The k-NN of the query sets and the membership count of the first set's rows, as the audit needs
     * them.
     *
     * @param nearest the k nearest training rows of every query row, one answer per set
     * @param membershipCount {@link #membershipCount}'s C for the first set's rows as the generated samples
     */
    record NearestAndMembership(List<Neighbors> nearest, long membershipCount) {
        public NearestAndMembership {
            nearest = List.copyOf(nearest);
        }
    }

    /**
     * {@link #nearest(List, ReferenceRows, int, LongConsumer)} and {@link #membershipCount} with the first
     * set's rows as the generated samples, which are two scans of the same distances, the second the
     * other way round. The local engine makes them one when its state, 12 bytes per training row, fits in
     * an eighth of the heap ({@link NearestNeighborSearch#searchBothWays}); otherwise, and by default, the
     * two passes run one after the other. The answers are the same either way.
     *
     * @param queries the sets of query rows and their k, the generated samples first
     * @param training the training rows
     * @param holdoutDistances the held-out rows' distances to their nearest generated sample
     * @param threads threads on this machine (the local engine); results do not depend on it
     * @param progress told the query rows and then the training rows done
     * @return the neighbours of every set and the membership count
     * @throws InvalidInputException as {@link #nearest(List, ReferenceRows, int, LongConsumer)}
     */
    default NearestAndMembership nearestAndMembership(List<Queries> queries, ReferenceRows training,
            double[] holdoutDistances, int threads, LongConsumer progress) {
        long queryRows = 0;
        for (Queries set : queries) {
            queryRows += set.rows().rows();
        }
        long before = queryRows;
        List<Neighbors> nearest = nearest(queries, training, threads, progress);
        long count = membershipCount(training, queries.get(0).rows(), holdoutDistances, threads,
                rows -> progress.accept(before + rows));
        return new NearestAndMembership(nearest, count);
    }

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
