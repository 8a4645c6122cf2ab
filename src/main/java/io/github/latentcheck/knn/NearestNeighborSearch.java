package io.github.latentcheck.knn;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.data.Precision;
import io.github.latentcheck.data.Samples;
import io.github.latentcheck.internal.concurrent.Tasks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * Exact k-nearest-neighbour search by Euclidean distance, shared by the coverage and memorization
 * checks. Results are exact and deterministic: distances are computed in double precision from the
 * rows as given ({@link io.github.latentcheck.internal.knn.ExactDistance}: float32 rows widened exactly, float64 rows as they are), ties
 * are broken by the lowest reference index, and every partial answer is exact, so any thread count
 * gives the same answer.
 *
 * <p><b>How.</b> Up to {@value #TREE_COLUMNS} columns a {@link KdTree} answers each query. Above,
 * the search uses the expansion \(\|x - y\|^2 = \|x\|^2 + \|y\|^2 - 2\,x\cdot y\), which turns the
 * distances into a matrix product that vector units compute fast (the trick behind GPU and BLAS
 * k-NN, e.g. Johnson, Douze and Jégou [1]): reference rows are read in blocks that fit the L2
 * cache and packed in panels (with their norms): all at once, shared by all tasks, when they fit in
 * {@value #STREAM_VALUES} values; otherwise block by block, each by the worker that scans it, so
 * that memory stays bounded for reference rows that do not fit in the heap ({@link ReferenceRows},
 * e.g. memory-mapped). A {@link DistanceKernel} computes float distances for tiles of six queries
 * by two vectors of rows and screens them against a per-query threshold. Because the expansion
 * cancels catastrophically when the distance is small against the norms, the float values only
 * screen: {@link BlockCandidates} keeps every row whose distance could
 * still be among the k smallest given a proven error bound, and ranks those survivors by their
 * distance recomputed exactly in double. float64 rows are screened from their float32 roundings, with
 * the bound widened by that rounding, and measured from their float64 values. The kernel uses the JDK's Vector API when the
 * {@code jdk.incubator.vector} module is present and plain Java otherwise, with identical results
 * (see {@link DistanceKernels}).
 *
 * <ol>
 * <li>J. Johnson, M. Douze, H. Jégou, Billion-scale similarity search with GPUs, IEEE Trans. Big
 *     Data 7(3), 535–547, 2021, doi:10.1109/TBDATA.2019.2921572.</li>
 * </ol>
 *
 * <pre>{@code
 * Neighbors nn = NearestNeighborSearch.withDefaults().withK(5).search(generated, training);
 * }</pre>
 */
public final class NearestNeighborSearch {
    /** The most query rows per task. */
    static final int QUERY_BLOCK = 256;
    /** Reference values per block: 256 KB, so that a packed block stays in a 512 KB L2 cache. */
    static final int REFERENCE_BLOCK_VALUES = 1 << 16;
    /** The most reference rows per block. */
    static final int MAX_REFERENCE_BLOCK = 2048;
    /** Kernel tasks per thread. */
    static final int TASKS_PER_THREAD = 2;

    /**
     * Reference values packed at once: 2<sup>23</sup> floats, 32 MB. Up to this many the rows are
     * packed once and shared; beyond, they are read block by block ({@link #runByReferenceBlock}).
     */
    static final int STREAM_VALUES = 1 << 23;
    /**
     * Query values per group when the reference rows are read block by block: 2<sup>20</sup> floats,
     * 4 MB (5.3 MB packed in tiles), within an 8 MB L3 cache; the reference rows are read once per
     * group.
     */
    static final int QUERY_GROUP_VALUES = 1 << 20;
    /** The most bytes of one worker's search state for a group of queries: 8 MB. */
    static final long GROUP_STATE_BYTES = 1 << 23;

    /** Floats in a 64-byte cache line. */
    private static final int CACHE_LINE_FLOATS = 16;
    /**
     * Where the packed panels start in their array: 12 floats, so that after a 16-byte array header
     * they start on a cache line when the array does (see {@code PackedBlocks}).
     */
    static final int PANEL_ALIGNMENT = 12;

    /** Up to this many columns the search uses a {@link KdTree} rather than the kernel. */
    static final int TREE_COLUMNS = 3;

    private static final LongConsumer NO_PROGRESS = rows -> { };

    private final int k;
    private final int threads;
    private final LongConsumer progress;
    private final DistanceKernel kernel;
    private final boolean tree;
    private final int streamValues;

    private NearestNeighborSearch(int k, int threads, LongConsumer progress, DistanceKernel kernel, boolean tree,
            int streamValues) {
        this.k = k;
        this.threads = threads;
        this.progress = progress;
        this.kernel = kernel;
        this.tree = tree;
        this.streamValues = streamValues;
    }

    /**
     * @return the distance kernel chosen at start-up: {@code "Vector API"} when the JVM runs with
     *     {@code --add-modules jdk.incubator.vector}, else {@code "plain Java"}; both give the same results
     */
    public static String kernelName() {
        return DistanceKernels.provider() instanceof ScalarDistanceKernel ? "plain Java" : "Vector API";
    }

    /**
     * Defaults: {@code k = 1}; as many threads as available processors; no progress reports.
     *
     * @return the search with defaults
     */
    public static NearestNeighborSearch withDefaults() {
        return new NearestNeighborSearch(1, Tasks.defaultThreads(), NO_PROGRESS, DistanceKernels.provider(), true,
                STREAM_VALUES);
    }

    /**
     * @param v neighbours per query, at least 1
     * @return a copy with that k
     */
    public NearestNeighborSearch withK(int v) {
        if (v < 1) {
            throw new InvalidInputException("k is not at least 1: " + v);
        }
        return new NearestNeighborSearch(v, threads, progress, kernel, tree, streamValues);
    }

    /**
     * @param v the number of threads, at least 1 (results do not depend on it)
     * @return a copy with that thread count
     */
    public NearestNeighborSearch withThreads(int v) {
        if (v < 1) {
            throw new InvalidInputException("threads is not at least 1: " + v);
        }
        return new NearestNeighborSearch(k, v, progress, kernel, tree, streamValues);
    }

    /**
     * @param v told the number of query rows finished so far, after each block of query rows; when
     *     the reference rows are read block by block, the work done in query rows (query rows times the share
     *     of reference rows they have met, rounded down), so a long search over a big reference set
     *     advances steadily. It is called from the worker threads, possibly concurrently, so the
     *     counts may arrive out of order (the largest is the true count); the last is the number of
     *     query rows
     * @return a copy that reports progress there
     */
    public NearestNeighborSearch withProgress(LongConsumer v) {
        return new NearestNeighborSearch(k, threads, Objects.requireNonNull(v, "progress"), kernel, tree,
                streamValues);
    }

    /**
     * @param v the distance kernel, e.g. {@link DistanceKernels#scalar()} to test the fallback
     * @return a copy that uses it in every dimension (no {@link KdTree})
     */
    NearestNeighborSearch withKernel(DistanceKernel v) {
        return new NearestNeighborSearch(k, threads, progress, v, false, streamValues);
    }

    /**
     * @param v reference values packed at once, e.g. 1 to test the block-by-block search on small data
     * @return a copy that reads more reference values than that block by block
     */
    NearestNeighborSearch withStreamValues(int v) {
        return new NearestNeighborSearch(k, threads, progress, kernel, tree, v);
    }

    /** @return neighbours per query */
    public int k() {
        return k;
    }

    /**
     * @param queries the rows whose neighbours are sought
     * @param reference the rows among which they are sought
     * @return the k nearest reference rows of every query
     * @throws InvalidInputException if the dimensions differ, k exceeds the reference rows or a
     *     value is NaN or infinite
     */
    public Neighbors search(Samples queries, Samples reference) {
        checkShapes(queries.columns(), reference.columns(), reference.rows(), k);
        return run(inMemory(queries, "queries"), inMemory(reference, "reference rows"), false);
    }

    /**
     * Searches reference rows that need not fit in the heap, such as a memory-mapped training set.
     * Beyond {@value #STREAM_VALUES} values they are read one block per worker at a time, into a
     * packing array of one block per worker and at least half a G1 region, so memory stays bounded
     * whatever their number; the answer is the same, bit for bit, as for the same rows in memory. Up to {@value #TREE_COLUMNS} columns the
     * {@link KdTree} holds every row in memory (12 bytes per row at 3 columns).
     *
     * @param queries the rows whose neighbours are sought
     * @param reference the rows among which they are sought
     * @return the k nearest reference rows of every query
     * @throws InvalidInputException if the dimensions differ, k exceeds the reference rows or a
     *     value is NaN or infinite (for mapped rows, raised when the search reaches it)
     */
    public Neighbors search(Samples queries, ReferenceRows reference) {
        checkShapes(queries.columns(), reference.columns(), reference.rows(), k);
        return run(inMemory(queries, "queries"), reference, false);
    }

    /**
     * {@link #search(Samples, ReferenceRows)}, and in the same scan every reference row's Euclidean
     * distance to its nearest query: the minimum of a column of the distance matrix whose rows the
     * search screens anyway, where a second search (the reference rows among the queries, k = 1)
     * computes every distance again. The distances are the ones that search reports, bit for bit; the
     * memorization audit's membership count uses them ({@code Engine.nearestAndMembership}). The kernel
     * tests each lower bound against the reference row's bound too, and a query that may be the row's
     * nearest lowers that bound by its upper bound and is measured at the end of the block
     * ({@link BlockCandidates#offerColumn}). It costs 12 bytes per reference row (the bounds and
     * {@code nearestQuery}) and always reads the reference rows block by block
     * ({@link #runByReferenceBlock}). Measured in the audit (2 threads): 10,000 samples at k = 50 among
     * 200,000 × 64 training rows, 5.86 s against 6.47 s for the two searches; 1,000 samples among
     * 10⁷ × 128 rows, 30.5–33.4 s against 40.1–48.0 s. Up to {@value #TREE_COLUMNS} columns it makes
     * the two {@link KdTree} searches.
     *
     * @param queries the rows whose neighbours are sought
     * @param reference the rows among which they are sought
     * @param nearestQuery filled with each reference row's distance to its nearest query, one per
     *     reference row
     * @return the k nearest reference rows of every query
     * @throws InvalidInputException as {@link #search(Samples, ReferenceRows)}, or as the search of the
     *     reference rows among the queries when there are no queries
     * @throws IllegalArgumentException if {@code nearestQuery} is not one per reference row
     */
    public Neighbors searchBothWays(Samples queries, ReferenceRows reference, double[] nearestQuery) {
        if (nearestQuery.length != reference.rows()) {
            throw new IllegalArgumentException("nearestQuery has " + nearestQuery.length + " entries for "
                    + reference.rows() + " reference rows");
        }
        checkShapes(queries.columns(), reference.columns(), reference.rows(), k);
        checkShapes(reference.columns(), queries.columns(), queries.rows(), 1);
        ReferenceRows rows = inMemory(queries, "queries");
        if (tree && reference.columns() <= TREE_COLUMNS) {
            Neighbors reverse = withK(1).runTree(reference, rows, false);
            for (int r = 0; r < nearestQuery.length; r++) {
                nearestQuery[r] = reverse.distance(r, 0);
            }
            return runTree(rows, reference, false);
        }
        return run(rows, reference, false, nearestQuery);
    }

    /**
     * Searches for the neighbours of query rows that need not fit in the heap, such as the rows of a
     * memory-mapped training set: they are read one block of query rows per task. The answer holds
     * {@code k} indices and distances per query row.
     *
     * @param queries the rows whose neighbours are sought
     * @param reference the rows among which they are sought
     * @return the k nearest reference rows of every query
     * @throws InvalidInputException as {@link #search(Samples, ReferenceRows)}
     */
    public Neighbors search(ReferenceRows queries, Samples reference) {
        checkShapes(queries.columns(), reference.columns(), reference.rows(), k);
        return run(queries, inMemory(reference, "reference rows"), false);
    }

    /**
     * The neighbours of every row among the other rows of the same set: row i is never its own
     * neighbour, but a duplicate of row i is (at distance 0).
     *
     * @param data the rows
     * @return the k nearest other rows of every row
     * @throws InvalidInputException if k is not below the number of rows or a value is NaN or
     *     infinite
     */
    public Neighbors searchWithin(Samples data) {
        checkShapes(data.columns(), data.columns(), data.rows(), k + 1);
        ReferenceRows rows = inMemory(data, "queries");
        return run(rows, rows, true);
    }

    private static void checkShapes(int queryColumns, int referenceColumns, int referenceRows, int neededRows) {
        if (queryColumns != referenceColumns) {
            throw new InvalidInputException("queries have " + queryColumns + " columns but the reference rows have "
                    + referenceColumns);
        }
        if (referenceRows < neededRows) {
            throw new InvalidInputException("k-nearest-neighbour search needs at least " + neededRows
                    + " reference rows: " + referenceRows);
        }
    }

    private static ReferenceRows inMemory(Samples rows, String name) {
        return SamplesRows.of(rows, name);
    }

    /** @return query rows per task: 256, or fewer (at least 8) so that there are about 32 tasks */
    static int queryBlock(int queries) {
        return Math.min(QUERY_BLOCK, Math.max(8, (queries + 31) / 32));
    }

    /**
     * @return query rows per kernel task: 256, or fewer (at least 8) so that each thread gets about
     *     {@value #TASKS_PER_THREAD} tasks, a whole number of tiles (400 queries on 2 threads: blocks of
     *     102, 102, 102 and 94 rows, 67 tiles, where blocks of 100 would pad to 68). Every task
     *     streams all reference rows through the cache, so
     *     fewer, larger query blocks mean less memory traffic (measured at 400 × 100,000 × 512 on 2
     *     threads, k = 1: 13-row blocks, 32 tasks, took 1.12 s; 100-row blocks, 4 tasks, 0.88 s); two
     *     tasks per thread still balance the load.
     */
    static int kernelQueryBlock(int queries, int threads) {
        int tasks = TASKS_PER_THREAD * threads;
        int tiles = (queries + DistanceKernel.TILE_ROWS - 1) / DistanceKernel.TILE_ROWS;
        int rows = (tiles + tasks - 1) / tasks * DistanceKernel.TILE_ROWS;
        return Math.min(QUERY_BLOCK, Math.max(8, rows));
    }

    /**
     * @return the smallest array in bytes that G1 allocates as humongous, at a region boundary: half its
     *     region, which its ergonomics make the power of two at or below a 2048th of the heap, between 1 and
     *     32 MB (an explicit {@code -XX:G1HeapRegionSize} may differ; only the speed then changes)
     */
    static long humongousBytes() {
        long region = Long.highestOneBit(Math.max(1, Runtime.getRuntime().maxMemory() / 2048));
        return Math.max(1L << 20, Math.min(1L << 25, region)) / 2;
    }

    /**
     * @return query rows per group, a whole number of tiles: about {@value #QUERY_GROUP_VALUES} values, and
     *     no more than fit their search state of k neighbours in {@value #GROUP_STATE_BYTES} bytes
     *     ({@link BlockCandidates#bytesPerQuery}). Every worker keeps a state of the whole group, so at
     *     k = 50 the state of 16,384 rows (the group by values at 64 columns) took 32 MB per worker and per group; the
     *     reference rows are read once more per extra group, which costs little beside the distances.
     */
    static int queryGroup(int columns, int k) {
        int tile = DistanceKernel.TILE_ROWS;
        long byState = GROUP_STATE_BYTES / BlockCandidates.bytesPerQuery(k);
        return Math.max(tile, (int) Math.min(QUERY_GROUP_VALUES / columns, byState) / tile * tile);
    }

    /** @return reference rows per block: about 256 KB of values, a whole number of panels */
    static int referenceBlock(int columns, int panelWidth) {
        int rows = REFERENCE_BLOCK_VALUES / columns / panelWidth * panelWidth;
        return Math.max(panelWidth, Math.min(MAX_REFERENCE_BLOCK, rows));
    }

    /**
     * The search proper. When all reference blocks fit in one chunk they are packed once and
     * every query block scans them all. Otherwise ({@link #runByReferenceBlock}) the reference rows
     * are read block by block, each block packed by the worker that scans it. Every query's
     * neighbours are exact either way, so the answer does not depend on the chunk size.
     */
    private Neighbors run(ReferenceRows queries, ReferenceRows reference, boolean excludeSelf) {
        if (tree && reference.columns() <= TREE_COLUMNS) {
            return runTree(queries, reference, excludeSelf);
        }
        return run(queries, reference, excludeSelf, null);
    }

    /** The kernel's search; with {@code nearestQuery}, the reference rows' nearest queries too, block by block. */
    private Neighbors run(ReferenceRows queries, ReferenceRows reference, boolean excludeSelf, double[] nearestQuery) {
        int n = queries.rows();
        int d = reference.columns();
        int m = reference.rows();
        int width = kernel.panelWidth();
        int refBlock = referenceBlock(d, width);
        int refBlocks = (m + refBlock - 1) / refBlock;
        int chunkBlocks = Math.max(1, streamValues / (refBlock * d));
        boolean exactFromRows = queries.precision().widest(reference.precision()) == Precision.FLOAT64;
        int[] indices = new int[Math.multiplyExact(n, k)];
        double[] distances = new double[indices.length];
        if (refBlocks > chunkBlocks || nearestQuery != null) {
            // Block by block, each worker uses one slot, but the array keeps at least half a G1 region so
            // that G1 still places it at a region boundary (see PackedBlocks).
            long slotBytes = 4L * refBlock * d;
            int aligned = (int) Math.min(chunkBlocks, (humongousBytes() + slotBytes - 1) / slotBytes);
            PackedBlocks packed = new PackedBlocks(reference, refBlock, width, Math.max(threads, aligned), true);
            runByReferenceBlock(queries, packed, excludeSelf, exactFromRows, indices, distances, nearestQuery);
            return Neighbors.ofOwned(n, k, indices, distances);
        }
        // Rows in the heap already (not memory-mapped) keep row-major copies too: at most 2^23 values more.
        PackedBlocks packed = new PackedBlocks(reference, refBlock, width, Math.max(threads, refBlocks),
                reference instanceof SamplesRows);
        int queryBlock = kernelQueryBlock(n, threads);
        int blocks = (n + queryBlock - 1) / queryBlock;
        AtomicLong pairs = new AtomicLong();
        packed.packAll(refBlocks, threads);
        Tasks.run(blocks, threads, b -> {
            QueryBlock block = new QueryBlock(queries, reference, b * queryBlock, queryBlock, k, excludeSelf,
                    exactFromRows);
            block.scan(kernel, packed, refBlocks);
            block.candidates.drainTo(indices, distances);
            progress.accept(pairs.addAndGet((long) block.count * m) / m);
        });
        return Neighbors.ofOwned(n, k, indices, distances);
    }

    /**
     * The search for reference rows too many to pack at once, such as a memory-mapped training set.
     * Queries go in groups of about {@value #QUERY_GROUP_VALUES} values; for each group, the tasks
     * are the reference blocks, and each worker packs its block into a slot of its own, where it
     * stays in the L2 cache while the worker scans every tile of the group against it, keeping the
     * k nearest rows it has seen in a {@link BlockCandidates} of its own. Each row is thus read from
     * memory once per group and the packed panels never go back to memory (packing them into a
     * shared chunk first, as this search once did, wrote and re-read 200 MB at 100,000 × 512 and took
     * a tenth of the time). A worker's k nearest are exact for the blocks it saw, ties to the lower
     * index, so merging the workers' lists gives the exact answer whichever worker saw which block.
     * With {@code nearestQuery} the workers also keep each row of their blocks' nearest query so far
     * ({@link BlockCandidates#offerColumn}): within a group a block is one worker's, and the groups run
     * one after another, so each row's entries have one writer at a time.
     */
    private void runByReferenceBlock(ReferenceRows queries, PackedBlocks packed, boolean excludeSelf,
            boolean exactFromRows, int[] indices, double[] distances, double[] nearestQuery) {
        int n = queries.rows();
        int d = packed.rows.columns();
        int m = packed.rows.rows();
        int refBlocks = (m + packed.blockRows - 1) / packed.blockRows;
        int group = queryGroup(d, k);
        float[] bounds = nearestQuery == null ? null : new float[m + BlockCandidates.COLUMN_PADDING];
        if (bounds != null) {
            Arrays.fill(bounds, Float.POSITIVE_INFINITY);
            Arrays.fill(nearestQuery, Double.POSITIVE_INFINITY);
        }
        AtomicLong pairs = new AtomicLong();
        for (int start = 0; start < n; start += group) {
            QueryBlock queryGroup = new QueryBlock(queries, packed.rows, start, group, k, excludeSelf, exactFromRows);
            ConcurrentLinkedQueue<BlockWorker> idle = new ConcurrentLinkedQueue<>();
            List<BlockWorker> workers = Collections.synchronizedList(new ArrayList<>());
            AtomicInteger slots = new AtomicInteger();
            Tasks.run(refBlocks, threads, b -> {
                BlockWorker worker = idle.poll();
                if (worker == null) {
                    worker = new BlockWorker(slots.getAndIncrement(),
                            queryGroup.candidates.sharingThresholds(bounds, nearestQuery));
                    workers.add(worker);
                }
                worker.scan(kernel, queryGroup, packed, b);
                idle.add(worker);
                progress.accept(pairs.addAndGet((long) queryGroup.count * packed.count(b)) / m);
            });
            for (BlockWorker worker : workers) {
                worker.candidates.addTo(queryGroup.candidates);
            }
            queryGroup.candidates.drainTo(indices, distances);
        }
        if (nearestQuery != null) {
            for (int r = 0; r < m; r++) {
                nearestQuery[r] = Math.sqrt(nearestQuery[r]);
            }
        }
    }

    private Neighbors runTree(ReferenceRows queries, ReferenceRows reference, boolean excludeSelf) {
        int n = queries.rows();
        int d = reference.columns();
        double[] q = new double[Math.multiplyExact(n, d)];
        queries.copyBlock(0, n, q, 0);
        int[] indices = new int[n * k];
        double[] distances = new double[n * k];
        KdTree kd = KdTree.build(reference, threads);
        int queryBlock = queryBlock(n);
        int blocks = (n + queryBlock - 1) / queryBlock;
        AtomicLong done = new AtomicLong();
        Tasks.run(blocks, threads, b -> {
            int start = b * queryBlock;
            int end = Math.min(n, start + queryBlock);
            TopK top = new TopK(k);
            for (int i = start; i < end; i++) {
                top.clear();
                kd.search(q, i * d, excludeSelf ? i : -1, top);
                top.drainTo(indices, distances, i * k);
            }
            progress.accept(done.addAndGet(end - start));
        });
        return Neighbors.ofOwned(n, k, indices, distances);
    }

    /**
     * Slots for reference blocks in the kernel's packed layout: one array for all slots, each slot a
     * whole number of 64-byte cache lines from {@value #PANEL_ALIGNMENT} floats in. The Vector API
     * loads 32 bytes at a time, and a load that straddles two cache lines costs more: when the array
     * starts on a cache line with its 16-byte header (G1 places an array of at least half a region,
     * such as a full chunk, at a region boundary), this offset puts every panel on a line boundary.
     * Elsewhere the placement is the JVM's and only the speed changes, never the answer. Measured on
     * one core at 512 dimensions: 33–38 GFLOP/s with panels on 32-byte boundaries, 19–35 without.
     */
    private static final class PackedBlocks {
        final ReferenceRows rows;
        final int blockRows;
        final int width;
        final int slotValues;
        final float[] panels;
        final float[][] norms;
        /**
         * Blocks of rows before packing, reused: allocating one per block cost a 256 KB zeroed array
         * each time, 200 MB per search of 100,000 rows of 512 values. With {@link #keepRows} each slot
         * keeps its own, from which the candidates of its block are measured: their values then lie on
         * a few cache lines, where the packed panels spread them over one line per column (that
         * re-ranking was a quarter of a k = 50 search). When blocks are packed one slot per worker, the
         * copies are as few as the slots; when all blocks are packed at once, one per block, at most
         * {@value #STREAM_VALUES} values, and only for rows held in the heap: rows read from a
         * memory-mapped file, whose heap may be far smaller than they are, are measured from the panels
         * (a copy of each block ran the {@code -Xmx32m} mapped audit out of heap).
         */
        private final ConcurrentLinkedQueue<float[]> rowScratch = new ConcurrentLinkedQueue<>();
        private final float[][] slotRows;
        private final boolean keepRows;
        private final int scratchValues;

        PackedBlocks(ReferenceRows rows, int blockRows, int width, int slots, boolean keepRows) {
            this.scratchValues = blockRows * rows.columns();
            this.rows = rows;
            this.blockRows = blockRows;
            this.width = width;
            int padded = (blockRows + width - 1) / width * width;
            this.slotValues = Math.multiplyExact(padded, rows.columns()) + CACHE_LINE_FLOATS - 1
                    & -CACHE_LINE_FLOATS;
            this.panels = new float[Math.addExact(PANEL_ALIGNMENT, Math.multiplyExact(slots, slotValues))];
            this.norms = new float[slots][padded];
            this.slotRows = new float[slots][];
            this.keepRows = keepRows;
        }

        /** @return where slot {@code slot}'s panels start in {@link #panels} */
        int offset(int slot) {
            return PANEL_ALIGNMENT + slot * slotValues;
        }

        /** Packs reference blocks {@code [0, blocks)} into slots of the same numbers, one task per block. */
        void packAll(int blocks, int threads) {
            Tasks.run(blocks, threads, b -> pack(b, b));
        }

        /** Packs reference block {@code block} into slot {@code slot}. */
        void pack(int block, int slot) {
            int start = start(block);
            int count = count(block);
            float[] rowMajor = keepRows ? slotRows[slot] : rowScratch.poll();
            if (rowMajor == null) {
                rowMajor = new float[scratchValues];
            }
            rows.copyBlock(start, start + count, rowMajor);
            DistanceKernels.pack(rowMajor, count, rows.columns(), width, panels, offset(slot), norms[slot]);
            if (keepRows) {
                slotRows[slot] = rowMajor;
            } else {
                rowScratch.add(rowMajor);
            }
        }

        int start(int block) {
            return block * blockRows;
        }

        int count(int block) {
            return Math.min(blockRows, rows.rows() - block * blockRows);
        }
    }

    /**
     * A worker of {@link #runByReferenceBlock}: a slot of its own for the block it scans and the k
     * nearest rows of every query of the group among the blocks it has scanned.
     */
    private static final class BlockWorker {
        final int slot;
        final BlockCandidates candidates;

        BlockWorker(int slot, BlockCandidates candidates) {
            this.slot = slot;
            this.candidates = candidates;
        }

        /** Packs reference block {@code block} into this worker's slot and offers it to every query. */
        void scan(DistanceKernel kernel, QueryBlock group, PackedBlocks packed, int block) {
            packed.pack(block, slot);
            group.scanBlock(kernel, packed, block, slot, candidates);
        }
    }

    /** One block of query rows, padded to whole tiles, and its search state. */
    private static final class QueryBlock {
        final int start;
        final int count;
        final int columns;
        final int padded;
        final float[] rows;
        /** The rows exactly, when distances are measured from the rows as given (float64 data), else null. */
        final double[] exactRows;
        /** The rows packed tile by tile for the kernel. */
        final float[] tiles;
        final float[] norms;
        final BlockCandidates candidates;

        QueryBlock(ReferenceRows queries, ReferenceRows reference, int start, int maxCount, int k,
                boolean excludeSelf, boolean exactFromRows) {
            int d = queries.columns();
            this.start = start;
            this.count = Math.min(maxCount, queries.rows() - start);
            this.columns = d;
            int tileRows = DistanceKernel.TILE_ROWS;
            this.padded = (count + tileRows - 1) / tileRows * tileRows;
            this.rows = new float[padded * d];
            queries.copyBlock(start, start + count, rows);
            if (exactFromRows) {
                this.exactRows = new double[count * d];
                queries.copyBlock(start, start + count, exactRows, 0);
            } else {
                this.exactRows = null;
            }
            this.tiles = DistanceKernels.packTiles(rows, padded, d);
            this.norms = new float[padded];
            for (int i = 0; i < count; i++) {
                norms[i] = DistanceKernels.squaredNorm(rows, i * d, d);
            }
            this.candidates = new BlockCandidates(k, d, padded, excludeSelf, exactFromRows ? reference : null);
            candidates.startQueries(rows, exactRows, norms, start, count);
        }

        /** Offers the packed reference blocks {@code [0, blocks)}, each in the slot of its number, in order. */
        void scan(DistanceKernel kernel, PackedBlocks packed, int blocks) {
            for (int b = 0; b < blocks; b++) {
                scanBlock(kernel, packed, b, b, candidates);
            }
        }

        /** Offers reference block {@code block}, packed in slot {@code slot}, to every query row. */
        void scanBlock(DistanceKernel kernel, PackedBlocks packed, int block, int slot, BlockCandidates sink) {
            int blockCount = packed.count(block);
            int offset = packed.offset(slot);
            float[] panelNorms = packed.norms[slot];
            if (packed.keepRows) {
                sink.startBlock(packed.slotRows[slot], 0, 1, panelNorms, packed.start(block), blockCount);
            } else {
                sink.startBlock(packed.panels, offset, packed.width, panelNorms, packed.start(block), blockCount);
            }
            int panelCount = (blockCount + packed.width - 1) / packed.width;
            kernel.scan(tiles, norms, 0, padded, columns, packed.panels, offset, panelNorms, panelCount, sink);
            sink.endBlock();
        }
    }
}
