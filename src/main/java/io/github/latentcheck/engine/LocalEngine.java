package io.github.latentcheck.engine;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.data.Samples;
import io.github.latentcheck.knn.NearestNeighborSearch;
import io.github.latentcheck.knn.Neighbors;
import io.github.latentcheck.knn.ReferenceRows;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/** {@link Engine#local()}: {@link NearestNeighborSearch} on this machine's threads. */
final class LocalEngine implements Engine {
    static final LocalEngine INSTANCE = new LocalEngine();
    /** Training values read at a time when their range is measured. */
    private static final int RANGE_BLOCK_VALUES = 1 << 20;
    /**
     * Training rows searched at a time by the membership pass: their nearest-sample distances (8 bytes
     * and an index per row) are counted and dropped, so the heap holds 1.5 MB of them, not 12 bytes
     * per training row.
     */
    static final int MEMBERSHIP_BLOCK_ROWS = 1 << 17;
    /** The state of {@link NearestNeighborSearch#searchBothWays} per training row: a float and a double. */
    private static final long BOTH_WAYS_BYTES_PER_ROW = 12;

    private LocalEngine() {
    }

    @Override
    public String name() {
        return "local";
    }

    @Override
    public List<Neighbors> nearest(List<Queries> queries, ReferenceRows training, int threads, LongConsumer progress) {
        for (Queries set : queries) {
            checkShapes(set, training);
        }
        List<Neighbors> answers = new ArrayList<>();
        long before = 0;
        for (Queries set : queries) {
            long done = before;
            answers.add(NearestNeighborSearch.withDefaults().withThreads(threads).withK(set.k())
                    .withProgress(rows -> progress.accept(done + rows)).search(set.rows(), training));
            before += set.rows().rows();
        }
        return List.copyOf(answers);
    }

    /**
     * One scan for the first set and the membership count ({@link NearestNeighborSearch#searchBothWays})
     * when its 12 bytes per training row fit in an eighth of the heap, else the two passes; the other
     * sets are searched as {@link #nearest(List, ReferenceRows, int, LongConsumer)} searches them.
     */
    @Override
    public NearestAndMembership nearestAndMembership(List<Queries> queries, ReferenceRows training,
            double[] holdoutDistances, int threads, LongConsumer progress) {
        if (BOTH_WAYS_BYTES_PER_ROW * training.rows() > Runtime.getRuntime().maxMemory() / 8) {
            return Engine.super.nearestAndMembership(queries, training, holdoutDistances, threads, progress);
        }
        long queryRows = 0;
        for (Queries set : queries) {
            checkShapes(set, training);
            queryRows += set.rows().rows();
        }
        MembershipRanks ranks = MembershipRanks.of(holdoutDistances);
        Queries samples = queries.get(0);
        double[] nearestSample = new double[training.rows()];
        List<Neighbors> answers = new ArrayList<>();
        answers.add(NearestNeighborSearch.withDefaults().withThreads(threads).withK(samples.k())
                .withProgress(progress).searchBothWays(samples.rows(), training, nearestSample));
        long count = 0;
        for (double d : nearestSample) {
            count += ranks.score(d);
        }
        long before = samples.rows().rows();
        answers.addAll(nearest(queries.subList(1, queries.size()), training, threads,
                rows -> progress.accept(before + rows)));
        progress.accept(queryRows + training.rows());
        return new NearestAndMembership(answers, count);
    }

    /**
     * Refuses a search before any work: the same messages as {@link NearestNeighborSearch}'s own checks.
     *
     * @throws InvalidInputException if the columns differ or the training rows are fewer than k
     */
    static void checkShapes(Queries queries, ReferenceRows training) {
        if (queries.rows().columns() != training.columns()) {
            throw new InvalidInputException("queries have " + queries.rows().columns()
                    + " columns but the reference rows have " + training.columns());
        }
        if (training.rows() < queries.k()) {
            throw new InvalidInputException("k-nearest-neighbour search needs at least " + queries.k()
                    + " reference rows: " + training.rows());
        }
    }

    @Override
    public long membershipCount(ReferenceRows training, Samples samples, double[] holdoutDistances, int threads,
            LongConsumer progress) {
        return membershipCount(training, samples, MembershipRanks.of(holdoutDistances), threads,
                MEMBERSHIP_BLOCK_ROWS, progress);
    }

    /**
     * {@link Engine#membershipCount} over the training rows block by block.
     *
     * @param ranks the sorted held-out distances
     * @param blockRows training rows searched at a time ({@link #MEMBERSHIP_BLOCK_ROWS})
     * @return the count C
     */
    static long membershipCount(ReferenceRows training, Samples samples, MembershipRanks ranks, int threads,
            int blockRows, LongConsumer progress) {
        NearestNeighborSearch search = NearestNeighborSearch.withDefaults().withThreads(threads);
        long count = 0;
        for (int from = 0; from < training.rows(); from += blockRows) {
            int to = Math.min(training.rows(), from + blockRows);
            long done = from;
            Neighbors nearest = search.withProgress(rows -> progress.accept(done + rows))
                    .search(training.slice(from, to), samples);
            for (int t = 0; t < to - from; t++) {
                count += ranks.score(nearest.distance(t, 0));
            }
        }
        return count;
    }

    @Override
    public float[] range(ReferenceRows training) {
        return range(training, RANGE_BLOCK_VALUES);
    }

    /**
     * @param rows the rows
     * @param blockValues values read at a time
     * @return {@code {min, max}} of the rows' values as float32; {@code {+inf, -inf}} when there are none
     */
    static float[] range(ReferenceRows rows, int blockValues) {
        float low = Float.POSITIVE_INFINITY;
        float high = Float.NEGATIVE_INFINITY;
        int n = rows.rows();
        int block = Math.max(1, blockValues / rows.columns());
        float[] values = new float[Math.min(n, block) * rows.columns()];
        for (int from = 0; from < n; from += block) {
            int to = Math.min(n, from + block);
            rows.copyBlock(from, to, values);
            for (int i = 0, end = (to - from) * rows.columns(); i < end; i++) {
                low = Math.min(low, values[i]);
                high = Math.max(high, values[i]);
            }
        }
        return new float[] {low, high};
    }
}
