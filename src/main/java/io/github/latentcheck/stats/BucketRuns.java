package io.github.latentcheck.stats;

import java.util.Arrays;

/**
 * Values counting-sorted by runs of equal-width buckets: bucket \(\min(B - 1, \lfloor (v - \mathit{low})
 * \cdot \mathit{scale} \rfloor)\) of B, whose index never decreases with v (floating-point subtraction and
 * multiplication by a positive constant are monotone), and runs of 2^{@code shift} consecutive buckets,
 * at most 2^{@value #RUN_BITS} of them. One scatter pass puts the values in run order; each run is then
 * small enough for its bucket counters to stay in cache ({@link #fill}). The KS statistics use it to
 * visit values in increasing order without sorting them ({@link KolmogorovSmirnov}, {@link SmirnovPath}).
 */
final class BucketRuns {
    /** At most 2^RUN_BITS runs: about as many scatter targets as one radix-sort pass has. */
    private static final int RUN_BITS = 11;

    private final double low;
    private final double scale;
    private final int buckets;
    /** log2 of the buckets in one run. */
    final int shift;
    /** The values, run by run. */
    final double[] values;
    /** Where each run's values start in {@link #values}, and the total at the end. */
    final int[] start;

    private BucketRuns(double low, double scale, int buckets, double[] values, int[] start) {
        this.low = low;
        this.scale = scale;
        this.buckets = buckets;
        this.shift = shift(buckets);
        this.values = values;
        this.start = start;
    }

    /**
     * @param x the values, finite (not modified)
     * @param low the lowest value any sample may hold
     * @param scale buckets per unit, at least 0 (0 puts every value in bucket 0)
     * @param buckets the number of buckets B, at least 1
     * @return the values scattered into runs
     */
    static BucketRuns of(double[] x, double low, double scale, int buckets) {
        int shift = shift(buckets);
        int[] start = new int[((buckets - 1) >>> shift) + 2];
        for (double v : x) {
            start[(bucket(v, low, scale, buckets) >>> shift) + 1]++;
        }
        for (int g = 1; g < start.length; g++) {
            start[g] += start[g - 1];
        }
        int[] next = Arrays.copyOf(start, start.length - 1);
        double[] values = new double[x.length];
        for (double v : x) {
            values[next[bucket(v, low, scale, buckets) >>> shift]++] = v;
        }
        return new BucketRuns(low, scale, buckets, values, start);
    }

    private static int shift(int buckets) {
        return Math.max(0, Integer.SIZE - Integer.numberOfLeadingZeros(buckets - 1) - RUN_BITS);
    }

    private static int bucket(double v, double low, double scale, int buckets) {
        return Math.min(buckets - 1, (int) ((v - low) * scale));
    }

    /** @return the bucket of value v */
    int bucket(double v) {
        return bucket(v, low, scale, buckets);
    }

    /** @return the number of runs */
    int runs() {
        return start.length - 1;
    }

    /** @return the most values in one run */
    int largest() {
        int most = 0;
        for (int g = 0; g < runs(); g++) {
            most = Math.max(most, start[g + 1] - start[g]);
        }
        return most;
    }

    /**
     * Counting-sorts run {@code g} by bucket into {@code out} from index 0.
     *
     * @param g the run
     * @param ends scratch, one slot per bucket of a run ({@code 1 << shift})
     * @param out receives the run's values, bucket by bucket
     * @return the number of values in the run
     */
    int fill(int g, int[] ends, double[] out) {
        int first = g << shift;
        Arrays.fill(ends, 0);
        for (int k = start[g]; k < start[g + 1]; k++) {
            ends[bucket(values[k]) - first]++;
        }
        int sum = 0;
        for (int b = 0; b < ends.length; b++) {
            int c = ends[b];
            ends[b] = sum;
            sum += c;
        }
        for (int k = start[g]; k < start[g + 1]; k++) {
            double v = values[k];
            out[ends[bucket(v) - first]++] = v;
        }
        return start[g + 1] - start[g];
    }
}
