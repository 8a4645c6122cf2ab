package io.github.latentcheck.knn;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API kernel: a register tile of six query rows by two vectors of reference rows
 * (16 rows with 256-bit vectors), twelve accumulators updated by one fused multiply-add per query
 * value and panel vector (the shape of the classic AVX2 SGEMM micro-kernel: 12 accumulators, 2
 * loads and a broadcast fill 15 of the 16 registers), with the threshold test done on whole
 * vectors. Loaded only when the
 * {@code jdk.incubator.vector} module is present (see {@link DistanceKernels}).
 */
final class VectorDistanceKernel implements DistanceKernel {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    private static final int WIDTH = 2 * LANES;

    @Override
    public int panelWidth() {
        return WIDTH;
    }

    /**
     * The loop is written the way C2 (JDK 17) compiles well, found by reading its machine code on
     * this project's AVX2 machine. The tile's query values sit at a shift of the column
     * ({@link DistanceKernels#packTiles}), so one register addresses all six and their bounds are
     * checked once per loop; the panel offset is a second loop variable whose bounds are checked on
     * every load, which keeps C2 from hoisting all six broadcasts ahead of the multiply-adds (with
     * no check left in the loop it does, and spills accumulators to the stack); and the first
     * column is multiplied outside the loop, so no zero vector occupies a register. Measured on one
     * core at 512 dimensions, best median of six JVMs: 36–40 GFLOP/s, where row-major queries and
     * zeroed accumulators gave 20–38 depending on how the JIT happened to allocate registers.
     */
    @Override
    public void scan(float[] tiles, float[] queryNorms, int tile, int columns, float[] panels, int offset,
            float[] panelNorms, int panelCount, BlockCandidates sink) {
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
        screen(dots, stride, queryNorms, tile, panelNorms, sink);
    }

    /**
     * Tests the tile's dot products with every row of the block, {@code dots[qq * stride + row]},
     * against the thresholds, a vector at a time; when any lane's lower bound passes (or is NaN),
     * offers the whole vector and lets {@link BlockCandidates#offer} test each row. Screening in a
     * pass of its own, after the dot products of all panels, keeps the multiply-add loop free of
     * it: measured here, interleaving the screen with the panels cost the loop half its speed.
     */
    private static void screen(float[] dots, int stride, float[] queryNorms, int tile, float[] panelNorms,
            BlockCandidates sink) {
        FloatVector minusTwo = FloatVector.broadcast(SPECIES, -2f);
        FloatVector scale = FloatVector.broadcast(SPECIES, sink.errorScale);
        FloatVector floor = FloatVector.broadcast(SPECIES, sink.errorFloor);
        for (int qq = 0; qq < TILE_ROWS; qq++) {
            float qn = queryNorms[tile + qq];
            float threshold = sink.thresholds[tile + qq];
            int base = qq * stride;
            for (int row = 0; row < stride; row += LANES) {
                FloatVector t = FloatVector.fromArray(SPECIES, panelNorms, row).add(qn);
                FloatVector approx = FloatVector.fromArray(SPECIES, dots, base + row).fma(minusTwo, t);
                if (!approx.sub(t.fma(scale, floor)).compare(VectorOperators.GT, threshold).allTrue()) {
                    approx.intoArray(dots, base + row);
                    for (int lane = 0; lane < LANES; lane++) {
                        sink.offer(tile + qq, row + lane, dots[base + row + lane]);
                    }
                    threshold = sink.thresholds[tile + qq];
                }
            }
        }
    }
}
