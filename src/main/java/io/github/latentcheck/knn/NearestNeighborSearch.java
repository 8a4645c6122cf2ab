package io.github.latentcheck.knn;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.concurrent.Tasks;
import io.github.latentcheck.data.Samples;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * Exact k-nearest-neighbour search by Euclidean distance, shared by the coverage and memorization
 * checks. Results are exact and deterministic: distances are computed in double precision from the
 * float32 rows, ties are broken by the lowest reference index, and work is split by query block, so
 * any thread count gives the same answer.
 *
 * <p><b>How.</b> Up to {@value #TREE_COLUMNS} columns a {@link KdTree} answers each query. Above,
 * the search uses the expansion \(\|x - y\|^2 = \|x\|^2 + \|y\|^2 - 2\,x\cdot y\), which turns the
 * distances into a matrix product that vector units compute fast (the trick behind GPU and BLAS
 * k-NN, e.g. Johnson, Douze and Jégou [1]): reference rows are read in blocks that fit the L2
 * cache and packed in panels once (with their norms), shared by all tasks; then a
 * {@link DistanceKernel} computes float distances for tiles of six queries by two vectors of rows and screens them against a per-query threshold right in the tile
 * loop. Because the expansion cancels catastrophically when the distance is small against the
 * norms, the float values only screen: {@link BlockCandidates} keeps every row whose distance could
 * still be among the k smallest given a proven error bound, and ranks those survivors by their
 * distance recomputed exactly in double. The kernel uses the JDK's Vector API when the
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

    /** Up to this many columns the search uses a {@link KdTree} rather than the kernel. */
    static final int TREE_COLUMNS = 3;

    private static final LongConsumer NO_PROGRESS = rows -> { };

    private final int k;
    private final int threads;
    private final LongConsumer progress;
    private final DistanceKernel kernel;
    private final boolean tree;

    private NearestNeighborSearch(int k, int threads, LongConsumer progress, DistanceKernel kernel, boolean tree) {
        this.k = k;
        this.threads = threads;
        this.progress = progress;
        this.kernel = kernel;
        this.tree = tree;
    }

    /**
     * Defaults: {@code k = 1}; as many threads as available processors; no progress reports.
     *
     * @return the search with defaults
     */
    public static NearestNeighborSearch withDefaults() {
        return new NearestNeighborSearch(1, Tasks.defaultThreads(), NO_PROGRESS, DistanceKernels.provider(), true);
    }

    /**
     * @param v neighbours per query, at least 1
     * @return a copy with that k
     */
    public NearestNeighborSearch withK(int v) {
        if (v < 1) {
            throw new InvalidInputException("k is not at least 1: " + v);
        }
        return new NearestNeighborSearch(v, threads, progress, kernel, tree);
    }

    /**
     * @param v the number of threads, at least 1 (results do not depend on it)
     * @return a copy with that thread count
     */
    public NearestNeighborSearch withThreads(int v) {
        if (v < 1) {
            throw new InvalidInputException("threads is not at least 1: " + v);
        }
        return new NearestNeighborSearch(k, v, progress, kernel, tree);
    }

    /**
     * @param v told the number of query rows finished so far, after each block of query rows; it
     *     is called from the worker threads, possibly concurrently, so the counts may arrive out of
     *     order (the largest is the true count)
     * @return a copy that reports progress there
     */
    public NearestNeighborSearch withProgress(LongConsumer v) {
        return new NearestNeighborSearch(k, threads, Objects.requireNonNull(v, "progress"), kernel, tree);
    }

    /**
     * @param v the distance kernel, e.g. {@link DistanceKernels#scalar()} to test the fallback
     * @return a copy that uses it in every dimension (no {@link KdTree})
     */
    NearestNeighborSearch withKernel(DistanceKernel v) {
        return new NearestNeighborSearch(k, threads, progress, v, false);
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
        checkShapes(queries, reference, k);
        return run(queries, reference, false);
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
        checkShapes(data, data, k + 1);
        return run(data, data, true);
    }

    private static void checkShapes(Samples queries, Samples reference, int neededRows) {
        if (queries.columns() != reference.columns()) {
            throw new InvalidInputException("queries have " + queries.columns() + " columns but the reference rows have "
                    + reference.columns());
        }
        if (reference.rows() < neededRows) {
            throw new InvalidInputException("k-nearest-neighbour search needs at least " + neededRows
                    + " reference rows: " + reference.rows());
        }
    }

    private Neighbors run(Samples queries, Samples reference, boolean excludeSelf) {
        float[] q = queries.toArray();
        requireFinite(q, queries.columns(), "queries");
        ReferenceRows rows;
        if (excludeSelf) {
            rows = ReferenceRows.of(q, queries.rows(), queries.columns());
        } else {
            float[] r = reference.toArray();
            requireFinite(r, reference.columns(), "reference rows");
            rows = ReferenceRows.of(r, reference.rows(), reference.columns());
        }
        return run(q, queries.rows(), rows, excludeSelf);
    }

    private static void requireFinite(float[] values, int columns, String name) {
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new InvalidInputException(name + " row " + i / columns + " column " + i % columns
                        + " is not finite: " + values[i]);
            }
        }
    }

    /** @return query rows per task: 256, or fewer (at least 8) so that there are about 32 tasks */
    static int queryBlock(int queries) {
        return Math.min(QUERY_BLOCK, Math.max(8, (queries + 31) / 32));
    }

    /** @return reference rows per block: about 256 KB of values, a whole number of panels */
    static int referenceBlock(int columns, int panelWidth) {
        int rows = REFERENCE_BLOCK_VALUES / columns / panelWidth * panelWidth;
        return Math.max(panelWidth, Math.min(MAX_REFERENCE_BLOCK, rows));
    }

    private Neighbors run(float[] q, int n, ReferenceRows reference, boolean excludeSelf) {
        if (tree && reference.columns() <= TREE_COLUMNS) {
            return runTree(q, n, reference, excludeSelf);
        }
        int d = reference.columns();
        int m = reference.rows();
        int width = kernel.panelWidth();
        int refBlock = referenceBlock(d, width);
        int refBlocks = (m + refBlock - 1) / refBlock;
        float[][] panels = new float[refBlocks][];
        float[][] norms = new float[refBlocks][];
        Tasks.run(refBlocks, threads, b -> {
            int from = b * refBlock;
            int rows = Math.min(refBlock, m - from);
            int padded = (rows + width - 1) / width * width;
            float[] rowMajor = new float[rows * d];
            reference.copyBlock(from, from + rows, rowMajor);
            panels[b] = new float[padded * d];
            norms[b] = new float[padded];
            DistanceKernels.pack(rowMajor, rows, d, width, panels[b], norms[b]);
        });
        int[] indices = new int[n * k];
        double[] distances = new double[n * k];
        int queryBlock = queryBlock(n);
        int blocks = (n + queryBlock - 1) / queryBlock;
        AtomicLong done = new AtomicLong();
        Tasks.run(blocks, threads, b -> {
            int start = b * queryBlock;
            int count = Math.min(queryBlock, n - start);
            int tileRows = DistanceKernel.TILE_ROWS;
            int padded = (count + tileRows - 1) / tileRows * tileRows;
            float[] block = new float[padded * d];
            System.arraycopy(q, start * d, block, 0, count * d);
            float[] queryNorms = new float[padded];
            for (int i = 0; i < count; i++) {
                queryNorms[i] = DistanceKernels.squaredNorm(block, i * d, d);
            }
            BlockCandidates candidates = new BlockCandidates(k, d, padded, width, excludeSelf);
            candidates.startQueries(block, queryNorms, start, count);
            for (int r = 0; r < refBlocks; r++) {
                int from = r * refBlock;
                candidates.startBlock(panels[r], norms[r], from, Math.min(refBlock, m - from));
                int panelCount = norms[r].length / width;
                for (int tile = 0; tile < padded; tile += tileRows) {
                    kernel.scan(block, queryNorms, tile, d, panels[r], norms[r], panelCount, candidates);
                }
                candidates.endBlock();
            }
            candidates.drainTo(indices, distances);
            progress.accept(done.addAndGet(count));
        });
        return Neighbors.ofOwned(n, k, indices, distances);
    }

    private Neighbors runTree(float[] q, int n, ReferenceRows reference, boolean excludeSelf) {
        int d = reference.columns();
        int[] indices = new int[n * k];
        double[] distances = new double[n * k];
        KdTree kd = KdTree.build(reference);
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
}
