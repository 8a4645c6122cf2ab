package io.github.latentcheck.knn;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API kernel: a register tile of query rows by two vectors of reference rows, with one
 * fused multiply-add per query value and panel vector and the threshold test done on whole vectors.
 * With 512-bit vectors (AVX-512, which has 32 vector registers) the tile is twelve query rows by 32
 * reference rows: 24 accumulators, 2 loads and a broadcast fill 27 of the 32 registers, and every
 * panel vector loaded from the cache feeds twelve multiply-adds. With narrower vectors (AVX2: 16
 * registers) it is six rows: 12 accumulators, 2 loads and a broadcast fill 15 of the 16 (the shape of
 * the classic AVX2 SGEMM micro-kernel). Loaded only when the {@code jdk.incubator.vector} module is
 * present (see {@link DistanceKernels}).
 */
final class VectorDistanceKernel implements DistanceKernel {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    private static final int WIDTH = 2 * LANES;
    /**
     * Whether to screen two packed tiles at a time. Measured on one core of this project's AVX-512
     * machine, the multiply-add loops alone (no screen), 402 query rows against a 256 KB block of 512
     * dimensions: 205 GFLOP/s with twelve rows
     * (93 % of the core's FMA peak), 124 with six; at 128 dimensions 199 against 136. A six-row tile
     * loads each 64-byte panel vector for six multiply-adds, and at 512 dimensions the 64 KB panel
     * does not stay in the 48 KB first-level cache, so the loads from the second level set the pace.
     */
    private static final boolean TWELVE_ROWS = LANES >= 16;

    @Override
    public int panelWidth() {
        return WIDTH;
    }

    @Override
    public void scan(float[] tiles, float[] queryNorms, int from, int to, int columns, float[] panels, int offset,
            float[] panelNorms, int panelCount, BlockCandidates sink) {
        int tile = from;
        if (TWELVE_ROWS) {
            for (; tile + 2 * TILE_ROWS <= to; tile += 2 * TILE_ROWS) {
                scanTwelve(tiles, queryNorms, tile, columns, panels, offset, panelNorms, panelCount, sink);
            }
        }
        for (; tile < to; tile += TILE_ROWS) {
            scanSix(tiles, queryNorms, tile, columns, panels, offset, panelNorms, panelCount, sink);
        }
    }

    /**
     * Six query rows, one packed tile. The loop is written the way C2 (JDK 17) compiles well, found
     * by reading its machine code on this project's AVX2 machine. The tile's query values sit at a
     * shift of the column ({@link DistanceKernels#packTiles}), so one register addresses all six and
     * their bounds are checked once per loop; the panel offset is a second loop variable whose bounds
     * are checked on every load, which keeps C2 from hoisting all six broadcasts ahead of the
     * multiply-adds (with no check left in the loop it does, and spills accumulators to the stack);
     * and the first column is multiplied outside the loop, so no zero vector occupies a register.
     * Measured on one core at 512 dimensions, best median of six JVMs: 36–40 GFLOP/s, where row-major
     * queries and zeroed accumulators gave 20–38 depending on how the JIT happened to allocate
     * registers.
     */
    private static void scanSix(float[] tiles, float[] queryNorms, int tile, int columns, float[] panels,
            int offset, float[] panelNorms, int panelCount, BlockCandidates sink) {
        float[] dots = sink.scratch;
        int stride = panelCount * WIDTH;
        int q = tile / TILE_ROWS * columns * TILE_STRIDE;
        for (int p = 0; p < panelCount; p++) {
            int at = offset + p * WIDTH * columns;
            FloatVector r0 = FloatVector.fromArray(SPECIES, panels, at);
            FloatVector r1 = FloatVector.fromArray(SPECIES, panels, at + LANES);
            FloatVector x0 = FloatVector.broadcast(SPECIES, tiles[q]);
            FloatVector x1 = FloatVector.broadcast(SPECIES, tiles[q + 1]);
            FloatVector x2 = FloatVector.broadcast(SPECIES, tiles[q + 2]);
            FloatVector x3 = FloatVector.broadcast(SPECIES, tiles[q + 3]);
            FloatVector x4 = FloatVector.broadcast(SPECIES, tiles[q + 4]);
            FloatVector x5 = FloatVector.broadcast(SPECIES, tiles[q + 5]);
            FloatVector a00 = r0.mul(x0);
            FloatVector a01 = r1.mul(x0);
            FloatVector a10 = r0.mul(x1);
            FloatVector a11 = r1.mul(x1);
            FloatVector a20 = r0.mul(x2);
            FloatVector a21 = r1.mul(x2);
            FloatVector a30 = r0.mul(x3);
            FloatVector a31 = r1.mul(x3);
            FloatVector a40 = r0.mul(x4);
            FloatVector a41 = r1.mul(x4);
            FloatVector a50 = r0.mul(x5);
            FloatVector a51 = r1.mul(x5);
            at += WIDTH;
            for (int c = 1; c < columns; c++, at += WIDTH) {
                r0 = FloatVector.fromArray(SPECIES, panels, at);
                r1 = FloatVector.fromArray(SPECIES, panels, at + LANES);
                int v = q + c * TILE_STRIDE;
                x0 = FloatVector.broadcast(SPECIES, tiles[v]);
                a00 = r0.fma(x0, a00);
                a01 = r1.fma(x0, a01);
                x1 = FloatVector.broadcast(SPECIES, tiles[v + 1]);
                a10 = r0.fma(x1, a10);
                a11 = r1.fma(x1, a11);
                x2 = FloatVector.broadcast(SPECIES, tiles[v + 2]);
                a20 = r0.fma(x2, a20);
                a21 = r1.fma(x2, a21);
                x3 = FloatVector.broadcast(SPECIES, tiles[v + 3]);
                a30 = r0.fma(x3, a30);
                a31 = r1.fma(x3, a31);
                x4 = FloatVector.broadcast(SPECIES, tiles[v + 4]);
                a40 = r0.fma(x4, a40);
                a41 = r1.fma(x4, a41);
                x5 = FloatVector.broadcast(SPECIES, tiles[v + 5]);
                a50 = r0.fma(x5, a50);
                a51 = r1.fma(x5, a51);
            }
            int d0 = p * WIDTH;
            a00.intoArray(dots, d0);
            a01.intoArray(dots, d0 + LANES);
            a10.intoArray(dots, d0 + stride);
            a11.intoArray(dots, d0 + stride + LANES);
            a20.intoArray(dots, d0 + 2 * stride);
            a21.intoArray(dots, d0 + 2 * stride + LANES);
            a30.intoArray(dots, d0 + 3 * stride);
            a31.intoArray(dots, d0 + 3 * stride + LANES);
            a40.intoArray(dots, d0 + 4 * stride);
            a41.intoArray(dots, d0 + 4 * stride + LANES);
            a50.intoArray(dots, d0 + 5 * stride);
            a51.intoArray(dots, d0 + 5 * stride + LANES);
        }
        screen(dots, 0, stride, queryNorms, tile, panelNorms, sink);
    }

    /**
     * Twelve query rows, two packed tiles, written as {@link #scanSix} is: the second tile's values
     * sit at a shift of the column from a second base, and the first column is multiplied outside
     * the loop. Each dot product is summed in the same order as in {@link #scanSix}, so the two give
     * the same bits.
     */
    private static void scanTwelve(float[] tiles, float[] queryNorms, int tile, int columns, float[] panels,
            int offset, float[] panelNorms, int panelCount, BlockCandidates sink) {
        float[] dots = sink.scratch;
        int stride = panelCount * WIDTH;
        int q = tile / TILE_ROWS * columns * TILE_STRIDE;
        int u = q + columns * TILE_STRIDE;
        for (int p = 0; p < panelCount; p++) {
            int at = offset + p * WIDTH * columns;
            FloatVector r0 = FloatVector.fromArray(SPECIES, panels, at);
            FloatVector r1 = FloatVector.fromArray(SPECIES, panels, at + LANES);
            FloatVector x = FloatVector.broadcast(SPECIES, tiles[q]);
            FloatVector a00 = r0.mul(x);
            FloatVector a01 = r1.mul(x);
            x = FloatVector.broadcast(SPECIES, tiles[q + 1]);
            FloatVector a10 = r0.mul(x);
            FloatVector a11 = r1.mul(x);
            x = FloatVector.broadcast(SPECIES, tiles[q + 2]);
            FloatVector a20 = r0.mul(x);
            FloatVector a21 = r1.mul(x);
            x = FloatVector.broadcast(SPECIES, tiles[q + 3]);
            FloatVector a30 = r0.mul(x);
            FloatVector a31 = r1.mul(x);
            x = FloatVector.broadcast(SPECIES, tiles[q + 4]);
            FloatVector a40 = r0.mul(x);
            FloatVector a41 = r1.mul(x);
            x = FloatVector.broadcast(SPECIES, tiles[q + 5]);
            FloatVector a50 = r0.mul(x);
            FloatVector a51 = r1.mul(x);
            x = FloatVector.broadcast(SPECIES, tiles[u]);
            FloatVector b00 = r0.mul(x);
            FloatVector b01 = r1.mul(x);
            x = FloatVector.broadcast(SPECIES, tiles[u + 1]);
            FloatVector b10 = r0.mul(x);
            FloatVector b11 = r1.mul(x);
            x = FloatVector.broadcast(SPECIES, tiles[u + 2]);
            FloatVector b20 = r0.mul(x);
            FloatVector b21 = r1.mul(x);
            x = FloatVector.broadcast(SPECIES, tiles[u + 3]);
            FloatVector b30 = r0.mul(x);
            FloatVector b31 = r1.mul(x);
            x = FloatVector.broadcast(SPECIES, tiles[u + 4]);
            FloatVector b40 = r0.mul(x);
            FloatVector b41 = r1.mul(x);
            x = FloatVector.broadcast(SPECIES, tiles[u + 5]);
            FloatVector b50 = r0.mul(x);
            FloatVector b51 = r1.mul(x);
            at += WIDTH;
            for (int c = 1; c < columns; c++, at += WIDTH) {
                r0 = FloatVector.fromArray(SPECIES, panels, at);
                r1 = FloatVector.fromArray(SPECIES, panels, at + LANES);
                int v = q + c * TILE_STRIDE;
                int w = u + c * TILE_STRIDE;
                x = FloatVector.broadcast(SPECIES, tiles[v]);
                a00 = r0.fma(x, a00);
                a01 = r1.fma(x, a01);
                x = FloatVector.broadcast(SPECIES, tiles[v + 1]);
                a10 = r0.fma(x, a10);
                a11 = r1.fma(x, a11);
                x = FloatVector.broadcast(SPECIES, tiles[v + 2]);
                a20 = r0.fma(x, a20);
                a21 = r1.fma(x, a21);
                x = FloatVector.broadcast(SPECIES, tiles[v + 3]);
                a30 = r0.fma(x, a30);
                a31 = r1.fma(x, a31);
                x = FloatVector.broadcast(SPECIES, tiles[v + 4]);
                a40 = r0.fma(x, a40);
                a41 = r1.fma(x, a41);
                x = FloatVector.broadcast(SPECIES, tiles[v + 5]);
                a50 = r0.fma(x, a50);
                a51 = r1.fma(x, a51);
                x = FloatVector.broadcast(SPECIES, tiles[w]);
                b00 = r0.fma(x, b00);
                b01 = r1.fma(x, b01);
                x = FloatVector.broadcast(SPECIES, tiles[w + 1]);
                b10 = r0.fma(x, b10);
                b11 = r1.fma(x, b11);
                x = FloatVector.broadcast(SPECIES, tiles[w + 2]);
                b20 = r0.fma(x, b20);
                b21 = r1.fma(x, b21);
                x = FloatVector.broadcast(SPECIES, tiles[w + 3]);
                b30 = r0.fma(x, b30);
                b31 = r1.fma(x, b31);
                x = FloatVector.broadcast(SPECIES, tiles[w + 4]);
                b40 = r0.fma(x, b40);
                b41 = r1.fma(x, b41);
                x = FloatVector.broadcast(SPECIES, tiles[w + 5]);
                b50 = r0.fma(x, b50);
                b51 = r1.fma(x, b51);
            }
            int d0 = p * WIDTH;
            int e0 = d0 + TILE_ROWS * stride;
            a00.intoArray(dots, d0);
            a01.intoArray(dots, d0 + LANES);
            a10.intoArray(dots, d0 + stride);
            a11.intoArray(dots, d0 + stride + LANES);
            a20.intoArray(dots, d0 + 2 * stride);
            a21.intoArray(dots, d0 + 2 * stride + LANES);
            a30.intoArray(dots, d0 + 3 * stride);
            a31.intoArray(dots, d0 + 3 * stride + LANES);
            a40.intoArray(dots, d0 + 4 * stride);
            a41.intoArray(dots, d0 + 4 * stride + LANES);
            a50.intoArray(dots, d0 + 5 * stride);
            a51.intoArray(dots, d0 + 5 * stride + LANES);
            b00.intoArray(dots, e0);
            b01.intoArray(dots, e0 + LANES);
            b10.intoArray(dots, e0 + stride);
            b11.intoArray(dots, e0 + stride + LANES);
            b20.intoArray(dots, e0 + 2 * stride);
            b21.intoArray(dots, e0 + 2 * stride + LANES);
            b30.intoArray(dots, e0 + 3 * stride);
            b31.intoArray(dots, e0 + 3 * stride + LANES);
            b40.intoArray(dots, e0 + 4 * stride);
            b41.intoArray(dots, e0 + 4 * stride + LANES);
            b50.intoArray(dots, e0 + 5 * stride);
            b51.intoArray(dots, e0 + 5 * stride + LANES);
        }
        screen(dots, 0, stride, queryNorms, tile, panelNorms, sink);
        screen(dots, TILE_ROWS * stride, stride, queryNorms, tile + TILE_ROWS, panelNorms, sink);
    }

    /**
     * Tests a tile's dot products with every row of the block, {@code dots[from + qq * stride + row]},
     * against the thresholds, a vector at a time; when any lane's lower bound passes (or is NaN),
     * offers the rows of those lanes, in increasing order, and lets {@link BlockCandidates#offer} test
     * them again against the threshold, which the earlier ones may have lowered. A lane that failed
     * fails that test too, as thresholds only fall, so skipping it changes nothing; offering all
     * sixteen rows of a vector with one row in the running made {@code offer} about a quarter of a
     * k = 50 search (PRDC, the audit). The lanes are told apart by a scalar test of their stored
     * bounds: iterating over the bits of {@code VectorMask.toLong()} made the 16-dimension search
     * a third slower on JDK 17. Screening in a
     * pass of its own, after the dot products of all panels, keeps the multiply-add loop free of
     * it: measured here, interleaving the screen with the panels cost the loop half its speed. When
     * the nearest query of every reference row is sought ({@link BlockCandidates#columnBounds}), the
     * same lower bounds are tested against the rows' bounds too, a vector at a time.
     */
    private static void screen(float[] dots, int from, int stride, float[] queryNorms, int tile,
            float[] panelNorms, BlockCandidates sink) {
        FloatVector minusTwo = FloatVector.broadcast(SPECIES, -2f);
        FloatVector scale = FloatVector.broadcast(SPECIES, sink.errorScale);
        FloatVector floor = FloatVector.broadcast(SPECIES, sink.errorFloor);
        float[] lowers = sink.laneScratch;
        float[] columnBounds = sink.columnBounds;
        int columnBase = sink.blockStart();
        for (int qq = 0; qq < TILE_ROWS; qq++) {
            float qn = queryNorms[tile + qq];
            float threshold = sink.thresholds[tile + qq];
            int base = from + qq * stride;
            for (int row = 0; row < stride; row += LANES) {
                FloatVector t = FloatVector.fromArray(SPECIES, panelNorms, row).add(qn);
                FloatVector approx = FloatVector.fromArray(SPECIES, dots, base + row).fma(minusTwo, t);
                FloatVector lower = approx.sub(t.fma(scale, floor));
                if (columnBounds != null && !lower.compare(VectorOperators.GT,
                        FloatVector.fromArray(SPECIES, columnBounds, columnBase + row)).allTrue()) {
                    lower.intoArray(lowers, 0);
                    approx.intoArray(dots, base + row);
                    for (int lane = 0; lane < LANES; lane++) {
                        if (!(lowers[lane] > columnBounds[columnBase + row + lane])) {
                            sink.offerColumn(tile + qq, row + lane, dots[base + row + lane]);
                        }
                    }
                }
                if (!lower.compare(VectorOperators.GT, threshold).allTrue()) {
                    approx.intoArray(dots, base + row);
                    lower.intoArray(lowers, 0);
                    for (int lane = 0; lane < LANES; lane++) {
                        if (!(lowers[lane] > threshold)) {
                            sink.offer(tile + qq, row + lane, dots[base + row + lane]);
                        }
                    }
                    threshold = sink.thresholds[tile + qq];
                }
            }
        }
    }
}
