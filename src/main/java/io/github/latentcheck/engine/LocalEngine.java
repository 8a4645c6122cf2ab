package io.github.latentcheck.engine;

import io.github.latentcheck.data.Samples;
import io.github.latentcheck.knn.NearestNeighborSearch;
import io.github.latentcheck.knn.Neighbors;
import io.github.latentcheck.knn.ReferenceRows;
import java.util.function.LongConsumer;

/** {@link Engine#local()}: {@link NearestNeighborSearch} on this machine's threads. */
final class LocalEngine implements Engine {
    static final LocalEngine INSTANCE = new LocalEngine();
    /** Training values read at a time when their range is measured. */
    private static final int RANGE_BLOCK_VALUES = 1 << 20;

    private LocalEngine() {
    }

    @Override
    public String name() {
        return "local";
    }

    @Override
    public Neighbors nearest(Samples queries, ReferenceRows training, int k, int threads, LongConsumer progress) {
        return NearestNeighborSearch.withDefaults().withThreads(threads).withK(k).withProgress(progress)
                .search(queries, training);
    }

    @Override
    public double[] nearestDistances(ReferenceRows training, Samples samples, int threads, LongConsumer progress) {
        return NearestNeighborSearch.withDefaults().withThreads(threads).withProgress(progress)
                .search(training, samples).distances(0);
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
