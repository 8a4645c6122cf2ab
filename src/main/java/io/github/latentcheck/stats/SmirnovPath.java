package io.github.latentcheck.stats;

import io.github.latentcheck.internal.concurrent.Tasks;
import java.util.Arrays;

/**
 * The lattice path of a pooled two-sample: walking the pooled values in increasing order, \(i\) and \(j\)
 * count the values of the first (n values) and second (m values) sample so far. The two-sample
 * Kolmogorov–Smirnov statistic is read off it at the ends of the blocks of equal pooled values, where
 * the empirical CDFs are compared: \(nm D^+ = \max (im - jn)\) and \(nm D^- = \max (jn - im)\).
 *
 * <p>{@link #ofSorted} walks two sorted samples. {@link #ofUnsorted} needs no sort: each value goes
 * to one of about \(n + m\) buckets of equal width between the smallest and the largest pooled value
 * (the bucket index never decreases with the value, so buckets are visited in value order), and only
 * buckets holding several values are sorted, a handful of values each on continuous data. The values
 * are first scattered into runs of consecutive buckets ({@link BucketRuns}), so that the counters of one
 * run stay in cache; each run is sorted by insertion and merged, and runs are walked in
 * parallel, each from the counts of the runs before it. On 10⁶ + 10⁶ normal values this takes about a third of sorting both
 * samples and merging them, which the data-dependent branches of a merge make slow.
 */
final class SmirnovPath {
    /**
     * Consecutive runs of buckets are walked in this many tasks, each starting from the counts of the runs
     * before it, and their extremes combined: the result does not depend on the thread count.
     */
    private static final int PATH_TASKS = 8;
    /** At most this many buckets, whatever n + m. */
    private static final int MAX_BUCKETS = 1 << 26;
    /** A run of buckets is sorted by insertion while it has at most this many inversions per value. */
    private static final int INVERSIONS_PER_VALUE = 8;

    private final int n;
    private final int m;
    private int i;
    private int j;
    private long plus;
    private long minus;
    private boolean ties;

    private SmirnovPath(int n, int m) {
        this.n = n;
        this.m = m;
    }

    /** @return \(\max(0, \max (im - jn))\) over the block ends */
    long plus() {
        return plus;
    }

    /** @return \(\max(0, \max (jn - im))\) over the block ends */
    long minus() {
        return minus;
    }

    /** @return whether some pooled value occurs more than once */
    boolean ties() {
        return ties;
    }

    /**
     * @param sx the first sample, sorted
     * @param sy the second sample, sorted
     * @param blockEnd if not null, marked at \(i + j\) for every block end (length n + m + 1)
     * @return the walked path
     */
    static SmirnovPath ofSorted(double[] sx, double[] sy, boolean[] blockEnd) {
        SmirnovPath path = new SmirnovPath(sx.length, sy.length);
        path.walk(sx, 0, sx.length, sy, 0, sy.length, blockEnd);
        return path;
    }

    /**
     * @param x the first sample, finite values in any order (not modified)
     * @param y the second sample, likewise
     * @return the walked path, equal to that of the sorted samples
     */
    static SmirnovPath ofUnsorted(double[] x, double[] y) {
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            low = Math.min(low, v);
            high = Math.max(high, v);
        }
        for (double v : y) {
            low = Math.min(low, v);
            high = Math.max(high, v);
        }
        int buckets = (int) Math.min(MAX_BUCKETS, (long) x.length + y.length);
        double scale = buckets / (high - low);
        double finiteScale = Double.isFinite(scale) ? scale : 0;
        double lowest = low;
        BucketRuns[] grouped = new BucketRuns[2];
        Tasks.run(2, Math.min(2, Tasks.defaultThreads()),
                s -> grouped[s] = BucketRuns.of(s == 0 ? x : y, lowest, finiteScale, buckets));
        BucketRuns gx = grouped[0];
        BucketRuns gy = grouped[1];
        int groups = gx.runs();
        int tasks = Math.min(groups, PATH_TASKS);
        int largestX = gx.largest();
        int largestY = gy.largest();
        SmirnovPath[] parts = new SmirnovPath[tasks];
        Tasks.run(tasks, Tasks.defaultThreads(), t -> {
            int from = (int) ((long) groups * t / tasks);
            int to = (int) ((long) groups * (t + 1) / tasks);
            SmirnovPath part = new SmirnovPath(x.length, y.length);
            part.i = gx.start[from];
            part.j = gy.start[from];
            int[] ends = new int[1 << gx.shift];
            double[] fx = new double[largestX];
            double[] fy = new double[largestY];
            for (int g = from; g < to; g++) {
                int cx = gx.fill(g, ends, fx);
                int cy = gy.fill(g, ends, fy);
                insertionSort(fx, cx);
                insertionSort(fy, cy);
                part.merge(fx, cx, fy, cy);
            }
            parts[t] = part;
        });
        SmirnovPath path = new SmirnovPath(x.length, y.length);
        for (SmirnovPath part : parts) {
            path.plus = Math.max(path.plus, part.plus);
            path.minus = Math.max(path.minus, part.minus);
            path.ties |= part.ties;
        }
        return path;
    }

    /**
     * Walks sorted runs {@code sx[0, cx)} and {@code sy[0, cy)} that follow every value walked so far:
     * first by a merge whose steps do not branch on the data (every value its own block), which is exact
     * when the runs hold no equal values; if they do, the path is reset and walked block by block.
     * Once one run is used up, \(im - jn\) moves one way only through the rest of the other, so only its
     * end is recorded.
     */
    private void merge(double[] sx, int cx, double[] sy, int cy) {
        int i0 = i;
        int j0 = j;
        long plus0 = plus;
        long minus0 = minus;
        boolean tie = false;
        double previous = Double.NaN;
        int a = 0;
        int b = 0;
        while (a < cx && b < cy) {
            double u = sx[a];
            double w = sy[b];
            boolean takeX = u <= w;
            double v = takeX ? u : w;
            tie |= v == previous;
            previous = v;
            a += takeX ? 1 : 0;
            b += takeX ? 0 : 1;
            long diff = (long) (i0 + a) * m - (long) (j0 + b) * n;
            plus = Math.max(plus, diff);
            minus = Math.max(minus, -diff);
        }
        for (; a < cx; a++) {
            tie |= sx[a] == previous;
            previous = sx[a];
        }
        for (; b < cy; b++) {
            tie |= sy[b] == previous;
            previous = sy[b];
        }
        i = i0 + cx;
        j = j0 + cy;
        record();
        if (tie) {
            i = i0;
            j = j0;
            plus = plus0;
            minus = minus0;
            walk(sx, 0, cx, sy, 0, cy, null);
        }
    }

    private void record() {
        long diff = (long) i * m - (long) j * n;
        plus = Math.max(plus, diff);
        minus = Math.max(minus, -diff);
    }

    /**
     * Walks sorted runs {@code sx[xFrom, xTo)} and {@code sy[yFrom, yTo)}, which follow every value walked so
     * far, block by block.
     */
    private void walk(double[] sx, int xFrom, int xTo, double[] sy, int yFrom, int yTo, boolean[] blockEnd) {
        int a = xFrom;
        int b = yFrom;
        while (a < xTo || b < yTo) {
            double v = b == yTo || a < xTo && sx[a] <= sy[b] ? sx[a] : sy[b];
            int a0 = a;
            int b0 = b;
            while (a < xTo && sx[a] == v) {
                a++;
            }
            while (b < yTo && sy[b] == v) {
                b++;
            }
            ties |= a - a0 + b - b0 > 1;
            i += a - a0;
            j += b - b0;
            record();
            if (blockEnd != null) {
                blockEnd[i + j] = true;
            }
        }
    }

    /**
     * Sorts {@code v[0, count)}, already in bucket order, by insertion, whose cost is the count plus the
     * inversions, which lie within buckets of a few values; should the inversions pass
     * {@value #INVERSIONS_PER_VALUE} per value (a crowded bucket), by {@link Arrays#sort} instead.
     */
    private static void insertionSort(double[] v, int count) {
        long budget = INVERSIONS_PER_VALUE * (long) count;
        for (int k = 1; k < count; k++) {
            double value = v[k];
            int at = k - 1;
            while (at >= 0 && Double.compare(v[at], value) > 0) {
                v[at + 1] = v[at];
                at--;
                if (--budget < 0) {
                    v[at + 1] = value;
                    Arrays.sort(v, 0, count);
                    return;
                }
            }
            v[at + 1] = value;
        }
    }
}
