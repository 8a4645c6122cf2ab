package io.github.latentcheck.knn;

import io.github.latentcheck.internal.knn.ExactDistance;
import java.util.Arrays;

/**
 * The search state of one block of query rows: for every query, a threshold that screens the
 * approximate distances of a {@link DistanceKernel}, the candidates that passed it, and the exact
 * k nearest rows found so far.
 *
 * <p><b>Screening.</b> The kernel computes, in float, \(\tilde D = (\|x\|^2 + \|y\|^2) - 2\,x\cdot y\)
 * from float norms and a float dot product accumulated with fused multiply-adds. Writing
 * \(S = \|x\|^2 + \|y\|^2\), \(u = 2^{-24}\) and \(\gamma_d = du/(1 - du)\), each of the three
 * accumulations errs by at most \(\gamma_d\) times the sum of its absolute terms (Higham [1], §3.1;
 * \(2|x\cdot y| \le S\); the norms' eight partial sums, {@link DistanceKernels#squaredNorm}, stay within it), the two final roundings by \(u\) times their result each, and gradual
 * underflow adds at most \(2^{-150}\) per rounding, so
 * \[ |\tilde D - D| \le (2\gamma_d + 3u)\,S + (2d + 1)\,2^{-149} \]
 * where \(D\) is the squared distance that {@link #flush} computes in double precision (its own
 * error, below \(2(d+1)\,2^{-53} S\), fits in the slack). This class uses the wider margin
 * \(E = c\,\tilde t + e_0\) with \(\tilde t\) the float \(S\), \(c = (2.5d + 16)\,u/(1 - du)\) and
 * \(e_0 = (2d + 16)\,2^{-149}\), which also covers the roundings of \(\tilde t\), \(E\),
 * \(\tilde D \pm E\) and the second-order terms while \(du < 0.1\) (beyond that \(c = \infty\) and every
 * row is a candidate).
 *
 * <p><b>float64 rows.</b> When the queries or the reference rows are float64, the kernel sees their
 * float32 roundings \(\hat x\), with \(|\hat x_c - x_c| \le u|x_c| + 2^{-150}\). With
 * \(\varepsilon = \|\hat x - \hat y - (x - y)\| \le u(\|x\| + \|y\|) + 2\sqrt d\,2^{-150}\) and
 * \((\|x\| + \|y\|)^2 \le 2S\), the squared distance of the roundings differs from the true one by at
 * most \(2\|x - y\|\varepsilon + \varepsilon^2 \le (6u + 4u^2)S + 12d\,2^{-276}\) (the cross term by
 * \(2ab \le a^2 + b^2\)); the margin's coefficient is then \(c + 8u/(1 - du)\), which also covers \(S\)
 * measured from the roundings, and \(e_0\) already exceeds the absolute term. Survivors are measured
 * from the values as given ({@link ExactDistance}), so the answer is the exact one in float64.
 *
 * <p>Every row offered gets an upper bound \(\tilde D + E \ge D\). The threshold of a query is at
 * least the k-th smallest distance of some k rows already offered, so a row whose lower bound exceeds it
 * cannot be among the k nearest. Within a reference block it is the k-th smallest of the upper bounds
 * seen up to its last update: the upper bounds below it are appended to a buffer of 2k, and only when
 * the buffer is full (or first holds k) is the k-th smallest selected in place ({@link #select}), the
 * buffer cut to the k smallest and the threshold lowered to it: one linear selection per k candidates,
 * where an insertion into a sorted list of k per candidate cost as much as the dot products at k = 50
 * and a sort per update allocated a merge buffer each time ({@code Arrays.sort} on a partly sorted
 * range). At the end of every block the exact k-th distance found so far, rounded up to a float, lowers
 * it further and empties the buffer: it is the tightest bound there is (every buffered row has been
 * measured), and after the first blocks only rows that may enter the k nearest pass, so the buffer
 * rarely fills again and selections become rare. Workers that screen different blocks for the same
 * queries may share their thresholds ({@link #sharingThresholds}). Between updates the threshold is
 * looser than it could be, never too tight. A row whose lower bound
 * \(\tilde D - E\) exceeds it is strictly farther than those k rows and is dropped. The survivors are
 * re-ranked exactly by (double distance, index) at the end of every reference block ({@link #flush}),
 * which gives the same answer as an exact search of all rows. A NaN or infinite bound (float
 * overflow past about \(10^{19}\)) never drops a row: such rows are all measured exactly.
 *
 * <ol>
 * <li>N. J. Higham, <i>Accuracy and Stability of Numerical Algorithms</i>, 2nd ed., SIAM, 2002,
 *     doi:10.1137/1.9780898718027.</li>
 * </ol>
 */
final class BlockCandidates {
    private static final float UNIT_ROUNDOFF = 0x1p-24f;
    /** Entries past the last reference row in {@link #columnBounds}: a kernel reads a whole padded panel. */
    static final int COLUMN_PADDING = 128;
    /**
     * Queries buffered per reference row of a block before they are measured: after the first few, only
     * queries whose lower bound passes the row's tightened bound arrive, so a full buffer is rare.
     */
    private static final int COLUMN_CAPACITY = 8;

    /** Per query row of the block: the largest lower bound \(\tilde D - E\) that can still win. */
    final float[] thresholds;
    /** The error margin's relative coefficient \(c\). */
    final float errorScale;
    /** The error margin's absolute term \(e_0\). */
    final float errorFloor;
    /** Scratch space for a kernel: two tiles of query rows by a whole reference block. */
    final float[] scratch;
    /** Scratch space for a kernel: one vector of lower bounds (up to 64 lanes). */
    final float[] laneScratch = new float[64];
    /**
     * Per reference row of the whole search (by index, padded by {@link #COLUMN_PADDING}), when the
     * nearest query of every reference row is sought too ({@link #sharingThresholds(float[], double[])}):
     * the smallest upper bound \(\tilde D + E\) of a query offered so far, or the exact squared distance of
     * its nearest query measured so far rounded up to a float, whichever is smaller; it screens the
     * kernel's lower bounds of the other queries. Else null.
     */
    final float[] columnBounds;
    /** Per reference row, the exact squared distance of its nearest query measured so far, or null. */
    private final double[] columnMinima;
    /** Per row of the current reference block, the queries offered as its nearest: {@link #COLUMN_CAPACITY} each. */
    private final int[] columnQuery;
    private final float[] columnLower;
    private final int[] columnCount;

    private final int k;
    private final int columns;
    private final boolean excludeSelf;
    /** Where float64 rows are read from to measure candidates, or null when the packed floats are exact. */
    private final ReferenceRows exactSource;
    /** One reference row, exactly, for {@link #flush} when {@link #exactSource} is set. */
    private final double[] exactRow;
    private final int capacity;
    /** Per query, a buffer of 2k upper bounds, its first k sorted at the last update of the threshold. */
    private final float[] uppers;
    private final int[] upperCount;
    private final int[] candidateRow;
    private final float[] candidateLower;
    private final int[] candidateCount;
    private final TopK[] exact;

    private float[] queries;
    private double[] exactQueries;
    private float[] queryNorms;
    private int queryStart;
    private int queryCount;
    private float[] blockValues;
    private int blockOffset;
    private int blockWidth;
    private float[] blockNorms;
    private int blockStart;
    private int blockRows;

    /**
     * @param k neighbours per query
     * @param columns values per row
     * @param maxQueries the most query rows in a block
     * @param excludeSelf whether query i must not find reference row i (search within one set)
     * @param exactSource the reference rows, when they or the queries are float64 (candidates are then
     *     measured from the values as given, and the margin covers the rounding to float32); null when
     *     both are float32 and the packed values are exact
     */
    BlockCandidates(int k, int columns, int maxQueries, boolean excludeSelf, ReferenceRows exactSource) {
        this(k, columns, excludeSelf, exactSource, new float[maxQueries], null, null);
    }

    private BlockCandidates(int k, int columns, boolean excludeSelf, ReferenceRows exactSource, float[] thresholds,
            float[] columnBounds, double[] columnMinima) {
        int maxQueries = thresholds.length;
        this.columnBounds = columnBounds;
        this.columnMinima = columnMinima;
        int blockRows = columnBounds == null ? 0 : NearestNeighborSearch.MAX_REFERENCE_BLOCK;
        this.columnQuery = new int[blockRows * COLUMN_CAPACITY];
        this.columnLower = new float[blockRows * COLUMN_CAPACITY];
        this.columnCount = new int[blockRows];
        this.k = k;
        this.columns = columns;
        this.excludeSelf = excludeSelf;
        this.exactSource = exactSource;
        this.exactRow = exactSource == null ? null : new double[columns];
        this.capacity = k + 64;
        this.thresholds = thresholds;
        this.errorScale = exactSource == null ? errorScale(columns) : roundedInputErrorScale(columns);
        this.errorFloor = errorFloor(columns);
        this.scratch = new float[2 * DistanceKernel.TILE_ROWS * NearestNeighborSearch.MAX_REFERENCE_BLOCK];
        this.uppers = new float[maxQueries * 2 * k];
        this.upperCount = new int[maxQueries];
        this.candidateRow = new int[maxQueries * capacity];
        this.candidateLower = new float[maxQueries * capacity];
        this.candidateCount = new int[maxQueries];
        this.exact = new TopK[maxQueries];
        for (int q = 0; q < maxQueries; q++) {
            exact[q] = new TopK(k);
        }
    }

    /**
     * @return the bytes of search state per query row for k neighbours: the buffer of 2k upper bounds,
     *     k + 64 candidates (row and lower bound), the exact k nearest (distance and index), the counts
     *     and threshold, and the object and array headers of {@link TopK}
     */
    static long bytesPerQuery(int k) {
        return 4L * 2 * k + 8L * (k + 64) + 12L * k + 12 + 56;
    }

    /** @return the relative margin \(c = (2.5d + 16)\,u/(1 - du)\), rounded up, or infinity once \(du \ge 0.1\) */
    static float errorScale(int columns) {
        double du = columns * (double) UNIT_ROUNDOFF;
        if (du >= 0.1) {
            return Float.POSITIVE_INFINITY;
        }
        return Math.nextUp((float) ((2.5 * columns + 16) * UNIT_ROUNDOFF / (1 - du)));
    }

    /**
     * @return the relative margin for rows rounded from float64, \(c + 8u/(1 - du)\), rounded up, or
     *     infinity once \(du \ge 0.1\)
     */
    static float roundedInputErrorScale(int columns) {
        double du = columns * (double) UNIT_ROUNDOFF;
        if (du >= 0.1) {
            return Float.POSITIVE_INFINITY;
        }
        return Math.nextUp((float) ((2.5 * columns + 24) * UNIT_ROUNDOFF / (1 - du)));
    }

    /** @return the absolute margin \(e_0 = (2d + 16)\,2^{-149}\) */
    static float errorFloor(int columns) {
        return (float) ((2.0 * columns + 16) * Float.MIN_VALUE);
    }

    /**
     * Starts a block of query rows.
     *
     * @param rowMajor the query rows, row-major, from row 0 of the block
     * @param exactRows the same rows exactly, when candidates are measured from the values as given, else null
     * @param norms their float squared norms
     * @param start the index of the block's first query row
     * @param count the query rows in the block
     */
    void startQueries(float[] rowMajor, double[] exactRows, float[] norms, int start, int count) {
        Arrays.fill(thresholds, Float.POSITIVE_INFINITY);
        start(rowMajor, exactRows, norms, start, count);
    }

    /**
     * A state for another worker that screens other reference blocks for the same query rows, started on
     * them, and that shares this state's thresholds: a threshold lowered by one worker then screens the
     * blocks of all. Each threshold any of them sets is still at least the k-th smallest distance of k
     * rows some worker has been offered, so a row it drops is not among the k nearest of all the rows,
     * and every row that is survives in the list of the worker that saw it; merging the lists
     * ({@link #addTo}) gives the exact answer, whichever worker lowered which threshold when. The workers
     * read and write the thresholds without locks: a float is read and written whole (JLS §17.7), and
     * a stale or overwritten value is a larger threshold that is also valid, which only admits more
     * rows to be measured. Measured on the audit's k = 50 search (20,000 × 200,000 × 64 float32 rows,
     * 2 threads): sharing, 896 rows passed the screen per query and 623 were measured, against 1,044 and
     * 776 with a threshold per worker. The wall time moved less than this host's noise: five processes
     * each, alternating, took 4.24–4.66 s for the first (cold) search against 4.25–4.88 s, and 2.86–3.47 s
     * warm (best of two more) against 2.93–3.29 s.
     *
     * @return the new state
     */
    BlockCandidates sharingThresholds() {
        return sharingThresholds(null, null);
    }

    /**
     * {@link #sharingThresholds()}, and the nearest query of every reference row sought in the same scan
     * ({@link #offerColumn}): workers of one group scan different reference blocks, so each row's entries
     * are written by one worker at a time.
     *
     * @param bounds per reference row, {@link #columnBounds}: infinity before the first group
     * @param minima per reference row, the exact squared distance of its nearest query so far: infinity
     *     before the first group
     * @return the new state
     */
    BlockCandidates sharingThresholds(float[] bounds, double[] minima) {
        BlockCandidates other = new BlockCandidates(k, columns, excludeSelf, exactSource, thresholds, bounds, minima);
        other.start(queries, exactQueries, queryNorms, queryStart, queryCount);
        return other;
    }

    private void start(float[] rowMajor, double[] exactRows, float[] norms, int start, int count) {
        queries = rowMajor;
        exactQueries = exactRows;
        queryNorms = norms;
        queryStart = start;
        queryCount = count;
        Arrays.fill(upperCount, 0);
        Arrays.fill(candidateCount, 0);
        for (int q = 0; q < count; q++) {
            exact[q].clear();
        }
    }

    /**
     * Starts a block of reference rows.
     *
     * @param values the block's rows in panels of {@code width} rows ({@link DistanceKernels#pack}):
     *     the kernel's packed panels, or with width 1 the rows row-major
     * @param offset where its first panel starts in {@code values}
     * @param width rows per panel
     * @param norms their float squared norms
     * @param start the index of the block's first row
     * @param rows the rows in the block
     */
    void startBlock(float[] values, int offset, int width, float[] norms, int start, int rows) {
        blockValues = values;
        blockOffset = offset;
        blockWidth = width;
        blockNorms = norms;
        blockStart = start;
        blockRows = rows;
    }

    /**
     * Offers a reference row of the current block to a query: kept as a candidate when its lower
     * bound does not exceed the query's threshold. Rows past the block's end, queries past the
     * block's count and (within one set) the query's own row are ignored, so kernels may pad.
     *
     * @param query the query row within the block
     * @param row the reference row within the block
     * @param approx the kernel's \(\tilde D\)
     */
    void offer(int query, int row, float approx) {
        if (query >= queryCount || row >= blockRows || excludeSelf && blockStart + row == queryStart + query) {
            return;
        }
        float t = queryNorms[query] + blockNorms[row];
        float e = Math.fma(t, errorScale, errorFloor);
        float lower = approx - e;
        float threshold = thresholds[query];
        if (lower > threshold) {
            return;
        }
        float upper = approx + e;
        if (upper < threshold) {
            keepUpper(query, upper);
        }
        int count = candidateCount[query];
        if (count == capacity) {
            flush(query);
            count = 0;
        }
        candidateRow[query * capacity + count] = row;
        candidateLower[query * capacity + count] = lower;
        candidateCount[query] = count + 1;
    }

    private void keepUpper(int query, float upper) {
        int count = upperCount[query];
        uppers[query * 2 * k + count] = upper;
        upperCount[query] = ++count;
        if (count == 2 * k || count == k && thresholds[query] == Float.POSITIVE_INFINITY) {
            updateThreshold(query);
        }
    }

    /**
     * Sorts a query's buffered upper bounds, keeps the k smallest and makes the k-th its threshold; nothing to do
     * while fewer than k are buffered or the buffer holds just the k of the last update.
     */
    private void updateThreshold(int query) {
        int base = query * 2 * k;
        int count = upperCount[query];
        if (count < k || count == k && thresholds[query] != Float.POSITIVE_INFINITY) {
            return;
        }
        select(uppers, base, base + count, base + k - 1);
        upperCount[query] = k;
        thresholds[query] = Math.min(thresholds[query], uppers[base + k - 1]);
    }

    /**
     * Moves the {@code (nth - from + 1)}-th smallest of {@code a[from, to)} to {@code a[nth]}, the smaller
     * ones before it and the larger after (Hoare's quickselect with a median-of-three pivot, iterative;
     * Knuth, TAOCP vol. 3, §5.3.3). The values are finite. Written here because the selections of the
     * well-kept libraries (Commons Numbers {@code Selection}) take double and int arrays only, and the
     * buffer of floats is this class's hot path.
     */
    static void select(float[] a, int from, int to, int nth) {
        int lo = from;
        int hi = to - 1;
        while (hi > lo) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < a[lo]) {
                swap(a, mid, lo);
            }
            if (a[hi] < a[lo]) {
                swap(a, hi, lo);
            }
            if (a[hi] < a[mid]) {
                swap(a, hi, mid);
            }
            float pivot = a[mid];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (a[i] < pivot) {
                    i++;
                }
                while (pivot < a[j]) {
                    j--;
                }
                if (i <= j) {
                    swap(a, i++, j--);
                }
            }
            if (nth <= j) {
                hi = j;
            } else if (nth >= i) {
                lo = i;
            } else {
                return;
            }
        }
    }

    private static void swap(float[] a, int i, int j) {
        float t = a[i];
        a[i] = a[j];
        a[j] = t;
    }

    /** @return the index of the current reference block's first row */
    int blockStart() {
        return blockStart;
    }

    /**
     * Offers a query as the nearest of a reference row of the current block, when the nearest query
     * of every reference row is sought ({@link #columnBounds} set): a kernel calls it when the lower
     * bound \(\tilde D - E\) does not exceed the row's bound. The query is kept when its lower bound
     * still does not, and its upper bound \(\tilde D + E \ge D\) lowers the row's bound: a query whose
     * lower bound exceeds the bound is strictly farther than the one that set it, so it cannot be the
     * nearest. The kept queries are measured when the block ends ({@link #endBlock}), or when a row's
     * buffer is full, as {@link #flush} measures (the same sum in the same order, and
     * \((x - y)^2 = (y - x)^2\) exactly), so the minimum is the one a search of the reference rows among
     * the queries finds. Measuring every query that passed at once, as a first version did, measured
     * about \(\ln n\) of n queries per row: at 1,000 queries of 128 columns as much work as the kernel's
     * own. Rows past the block's end and queries past the block's count are ignored.
     *
     * @param query the query row within the block
     * @param row the reference row within the block
     * @param approx the kernel's \(\tilde D\)
     */
    void offerColumn(int query, int row, float approx) {
        if (query >= queryCount || row >= blockRows) {
            return;
        }
        float t = queryNorms[query] + blockNorms[row];
        float e = Math.fma(t, errorScale, errorFloor);
        float lower = approx - e;
        int at = blockStart + row;
        if (lower > columnBounds[at]) {
            return;
        }
        float upper = approx + e;
        if (upper < columnBounds[at]) {
            columnBounds[at] = upper;
        }
        int count = columnCount[row];
        if (count == COLUMN_CAPACITY) {
            flushColumn(row);
            count = 0;
        }
        columnQuery[row * COLUMN_CAPACITY + count] = query;
        columnLower[row * COLUMN_CAPACITY + count] = lower;
        columnCount[row] = count + 1;
    }

    /**
     * Measures the queries kept for a row of the current block whose lower bound does not exceed its
     * bound, keeps the smallest exact squared distance and lowers the bound to it, rounded up.
     */
    private void flushColumn(int row) {
        int at = blockStart + row;
        float bound = columnBounds[at];
        double minimum = columnMinima[at];
        for (int i = row * COLUMN_CAPACITY, end = i + columnCount[row]; i < end; i++) {
            if (!(columnLower[i] > bound)) {
                minimum = Math.min(minimum, exactSquared(columnQuery[i], row));
            }
        }
        columnCount[row] = 0;
        columnMinima[at] = minimum;
        float rounded = (float) minimum;
        columnBounds[at] = Math.min(bound, rounded < minimum ? Math.nextUp(rounded) : rounded);
    }

    /**
     * @return the squared distance between a query and a row of the current block in double precision,
     *     summed in column order: from the values as given ({@link ExactDistance}) when {@link #exactSource}
     *     is set, else from the float32 values, whose squared differences never underflow
     */
    private double exactSquared(int query, int row) {
        int qi = query * columns;
        if (exactSource != null) {
            exactSource.copyBlock(blockStart + row, blockStart + row + 1, exactRow, 0);
            return ExactDistance.squared(exactQueries, qi, exactRow, 0, columns);
        }
        int ri = rowStart(row);
        double squared = 0;
        for (int c = 0; c < columns; c++) {
            double diff = (double) queries[qi + c] - blockValues[ri + c * blockWidth];
            squared += diff * diff;
        }
        return squared;
    }

    /** Measures the candidates of every query exactly; call at the end of each reference block. */
    void endBlock() {
        for (int q = 0; q < queryCount; q++) {
            flush(q);
        }
        if (columnBounds != null) {
            for (int row = 0; row < blockRows; row++) {
                flushColumn(row);
            }
        }
    }

    /**
     * Re-ranks a query's candidates by their squared distance computed in double precision,
     * \(D = \sum_c (x_c - y_c)^2\) summed in column order, and the reference index: from the block's
     * float32 values ({@link #startBlock}), which are exact when both sides are float32 (their squared
     * differences never underflow), otherwise from the values as given ({@link ExactDistance}).
     */
    private void flush(int query) {
        TopK top = exact[query];
        if (top.worst() == Double.POSITIVE_INFINITY) {
            updateThreshold(query);
        }
        float threshold = thresholds[query];
        int base = query * capacity;
        int qi = query * columns;
        int kept = 0;
        for (int i = 0, end = candidateCount[query]; i < end; i++) {
            if (!(candidateLower[base + i] > threshold)) {
                candidateRow[base + kept++] = candidateRow[base + i];
            }
        }
        if (exactSource != null) {
            for (int i = 0; i < kept; i++) {
                int row = candidateRow[base + i];
                top.offer(exactSquared(query, row), blockStart + row);
            }
        } else {
            measure(top, qi, base, kept);
        }
        candidateCount[query] = 0;
        float exactBound = (float) top.worst();
        if (exactBound < top.worst()) {
            exactBound = Math.nextUp(exactBound);
        }
        if (exactBound != Float.POSITIVE_INFINITY) {
            // Every buffered upper bound belongs to a row measured now or dropped as farther than k others:
            // none can lower the threshold below the exact k-th distance, so the buffer starts again empty.
            thresholds[query] = Math.min(thresholds[query], exactBound);
            upperCount[query] = 0;
        }
    }

    /**
     * Offers {@code top} the squared distances of the query at {@code qi} to the first {@code count}
     * candidate rows from {@code base}, each summed in column order in double precision. Four rows at a
     * time, each in its own sum: one sum waits for the previous addition at every column (64 additions
     * in a row at 64 columns), four independent ones overlap, and each is still the same sum in the
     * same order, so the distances are the same bit for bit.
     */
    private void measure(TopK top, int qi, int base, int count) {
        int i = 0;
        for (; i + 4 <= count; i += 4) {
            int r0 = candidateRow[base + i];
            int r1 = candidateRow[base + i + 1];
            int r2 = candidateRow[base + i + 2];
            int r3 = candidateRow[base + i + 3];
            int a0 = rowStart(r0);
            int a1 = rowStart(r1);
            int a2 = rowStart(r2);
            int a3 = rowStart(r3);
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            for (int c = 0; c < columns; c++) {
                double x = queries[qi + c];
                int at = c * blockWidth;
                double d0 = x - blockValues[a0 + at];
                double d1 = x - blockValues[a1 + at];
                double d2 = x - blockValues[a2 + at];
                double d3 = x - blockValues[a3 + at];
                s0 += d0 * d0;
                s1 += d1 * d1;
                s2 += d2 * d2;
                s3 += d3 * d3;
            }
            top.offer(s0, blockStart + r0);
            top.offer(s1, blockStart + r1);
            top.offer(s2, blockStart + r2);
            top.offer(s3, blockStart + r3);
        }
        for (; i < count; i++) {
            int row = candidateRow[base + i];
            top.offer(exactSquared(qi / columns, row), blockStart + row);
        }
    }

    /** @return where a row of the current block starts in its values ({@link #startBlock}) */
    private int rowStart(int row) {
        return blockOffset + row / blockWidth * blockWidth * columns + row % blockWidth;
    }

    /**
     * Adds this state's k nearest rows of every query to another state of the same query rows, whose
     * k nearest then hold the nearest of both (exact, ties to the lower index).
     *
     * @param other a state started on the same query rows
     */
    void addTo(BlockCandidates other) {
        for (int q = 0; q < queryCount; q++) {
            other.exact[q].offerAll(exact[q]);
        }
    }

    /**
     * Writes every query's neighbours, nearest first.
     *
     * @param indices the reference indices, query-major, k per query of the whole search
     * @param distances the matching Euclidean distances
     */
    void drainTo(int[] indices, double[] distances) {
        for (int q = 0; q < queryCount; q++) {
            exact[q].drainTo(indices, distances, (queryStart + q) * k);
        }
    }
}
