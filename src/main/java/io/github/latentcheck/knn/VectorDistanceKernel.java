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

    @Override
    public void scan(float[] queries, float[] queryNorms, int tile, int columns, float[] panels, int offset,
            float[] panelNorms, int panelCount, BlockCandidates sink) {
        float[] dots = sink.scratch;
        int stride = panelCount * WIDTH;
        int q0 = tile * columns;
        int q1 = q0 + columns;
        int q2 = q1 + columns;
        int q3 = q2 + columns;
        int q4 = q3 + columns;
        int q5 = q4 + columns;
        for (int p = 0; p < panelCount; p++) {
            FloatVector a00 = FloatVector.zero(SPECIES);
            FloatVector a01 = a00;
            FloatVector a10 = a00;
            FloatVector a11 = a00;
            FloatVector a20 = a00;
            FloatVector a21 = a00;
            FloatVector a30 = a00;
            FloatVector a31 = a00;
            FloatVector a40 = a00;
            FloatVector a41 = a00;
            FloatVector a50 = a00;
            FloatVector a51 = a00;
            int at = offset + p * WIDTH * columns;
            for (int c = 0; c < columns; c++, at += WIDTH) {
                FloatVector r0 = FloatVector.fromArray(SPECIES, panels, at);
                FloatVector r1 = FloatVector.fromArray(SPECIES, panels, at + LANES);
                FloatVector x0 = FloatVector.broadcast(SPECIES, queries[q0 + c]);
                a00 = r0.fma(x0, a00);
                a01 = r1.fma(x0, a01);
                FloatVector x1 = FloatVector.broadcast(SPECIES, queries[q1 + c]);
                a10 = r0.fma(x1, a10);
                a11 = r1.fma(x1, a11);
                FloatVector x2 = FloatVector.broadcast(SPECIES, queries[q2 + c]);
                a20 = r0.fma(x2, a20);
                a21 = r1.fma(x2, a21);
                FloatVector x3 = FloatVector.broadcast(SPECIES, queries[q3 + c]);
                a30 = r0.fma(x3, a30);
                a31 = r1.fma(x3, a31);
                FloatVector x4 = FloatVector.broadcast(SPECIES, queries[q4 + c]);
                a40 = r0.fma(x4, a40);
                a41 = r1.fma(x4, a41);
                FloatVector x5 = FloatVector.broadcast(SPECIES, queries[q5 + c]);
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
