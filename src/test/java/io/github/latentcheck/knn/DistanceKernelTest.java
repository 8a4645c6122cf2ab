package io.github.latentcheck.knn;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.latentcheck.data.Samples;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DistanceKernelTest {

    @Test
    void theVectorKernelIsChosenWhenTheModuleIsPresent() {
        assertThat(DistanceKernels.vectorAvailable()).as("surefire passes --add-modules jdk.incubator.vector").isTrue();
        assertThat(DistanceKernels.provider()).isInstanceOf(VectorDistanceKernel.class);
    }

    /**
     * Scans the same blocks with both kernels; the thresholds and results must agree bit for bit.
     * 45 query rows are eight tiles and 39 are seven, so with 512-bit vectors the second count also
     * takes the six-row loop after the twelve-row one.
     */
    @ParameterizedTest(name = "d={0}")
    @ValueSource(ints = {1, 2, 3, 7, 16, 64, 130})
    void vectorAndFallbackKernelsAgreeBitForBit(int d) {
        for (double scale : new double[] {1, 1e-20, 1e15}) {
            Samples queries = BruteForce.uniform(d, scale == 1 ? 39 : 45, d, scale, 0);
            Samples reference = BruteForce.uniform(d + 1, 333, d, scale, scale);
            float[][] thresholds = new float[2][];
            DistanceKernel[] kernels = {new VectorDistanceKernel(), DistanceKernels.scalar()};
            for (int i = 0; i < 2; i++) {
                thresholds[i] = scan(kernels[i], queries, reference, 5);
            }
            assertThat(thresholds[0]).containsExactly(thresholds[1]);
            for (int k : new int[] {1, 5, 50}) {
                NearestNeighborSearch s = NearestNeighborSearch.withDefaults().withK(k);
                Neighbors vector = s.withKernel(new VectorDistanceKernel()).search(queries, reference);
                Neighbors scalar = s.withKernel(DistanceKernels.scalar()).search(queries, reference);
                assertThat(BruteForce.indices(vector)).containsExactly(BruteForce.indices(scalar));
                assertThat(BruteForce.distances(vector)).containsExactly(BruteForce.distances(scalar));
            }
        }
    }

    @Test
    void packedTilesHoldEachColumnsSixRowsSideBySide() {
        int columns = 3;
        float[] rows = new float[12 * columns];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = i + 1;
        }
        float[] tiles = DistanceKernels.packTiles(rows, 12, columns);
        assertThat(tiles).hasSize(2 * columns * DistanceKernel.TILE_STRIDE);
        assertThat(Arrays.copyOfRange(tiles, 0, 8)).containsExactly(1, 4, 7, 10, 13, 16, 0, 0);
        assertThat(Arrays.copyOfRange(tiles, 8, 16)).containsExactly(2, 5, 8, 11, 14, 17, 0, 0);
        assertThat(Arrays.copyOfRange(tiles, 24, 32)).containsExactly(19, 22, 25, 28, 31, 34, 0, 0);
    }

    private static float[] scan(DistanceKernel kernel, Samples queries, Samples reference, int k) {
        int d = queries.columns();
        int n = queries.rows();
        int padded = (n + DistanceKernel.TILE_ROWS - 1) / DistanceKernel.TILE_ROWS * DistanceKernel.TILE_ROWS;
        float[] q = new float[padded * d];
        queries.copyRows(0, n, q);
        float[] qn = new float[padded];
        for (int i = 0; i < n; i++) {
            qn[i] = DistanceKernels.squaredNorm(q, i * d, d);
        }
        int m = reference.rows();
        int width = kernel.panelWidth();
        int paddedRows = (m + width - 1) / width * width;
        int offset = NearestNeighborSearch.PANEL_ALIGNMENT;
        float[] panels = new float[offset + paddedRows * d];
        float[] norms = new float[paddedRows];
        float[] rows = reference.toFloatArray();
        int panelCount = DistanceKernels.pack(rows, m, d, width, panels, offset, norms);
        BlockCandidates sink = new BlockCandidates(k, d, padded, false, null);
        sink.startQueries(q, null, qn, 0, n);
        sink.startBlock(panels, offset, width, norms, 0, m);
        float[] tiles = DistanceKernels.packTiles(q, padded, d);
        kernel.scan(tiles, qn, 0, padded, d, panels, offset, norms, panelCount, sink);
        return sink.thresholds.clone();
    }

    /**
     * The margin of {@link BlockCandidates} bounds the error of the float expansion: for pairs
     * with large norms and a small distance (cancellation), tiny values (underflow) and ordinary
     * ones, \(\tilde D - E \le D \le \tilde D + E\) where D is the double-precision distance. Where
     * the float norms overflow the bounds are NaN, which never drops a row, so the comparisons
     * are written the way the search makes them.
     */
    @ParameterizedTest(name = "d={0}")
    @ValueSource(ints = {1, 2, 3, 7, 16, 64, 130, 1000})
    void theErrorMarginBoundsTheExpansion(int d) {
        SplittableRandom rng = new SplittableRandom(d);
        float scale = BlockCandidates.errorScale(d);
        float floor = BlockCandidates.errorFloor(d);
        double[] magnitudes = {1, 1e-20, 1e-40, 1e15, 1e18};
        double[] closeness = {1, 1e-3, 1e-7, 0};
        for (int trial = 0; trial < 2000; trial++) {
            double magnitude = magnitudes[trial % magnitudes.length];
            double close = closeness[trial / magnitudes.length % closeness.length];
            float[] x = new float[d];
            float[] y = new float[d];
            for (int c = 0; c < d; c++) {
                double base = magnitude * (2 * rng.nextDouble() - 1) + (trial % 2) * magnitude;
                x[c] = (float) base;
                y[c] = (float) (base + close * magnitude * (2 * rng.nextDouble() - 1));
            }
            float dot = 0;
            double exact = 0;
            for (int c = 0; c < d; c++) {
                dot = Math.fma(y[c], x[c], dot);
                double diff = (double) x[c] - y[c];
                exact += diff * diff;
            }
            float t = DistanceKernels.squaredNorm(y, 0, d) + DistanceKernels.squaredNorm(x, 0, d);
            float approx = Math.fma(dot, -2f, t);
            float e = Math.fma(t, scale, floor);
            float lower = approx - e;
            float upper = approx + e;
            assertThat(lower > exact).as("lower bound %s above %s, trial %d", lower, exact, trial).isFalse();
            assertThat(upper < exact).as("upper bound %s below %s, trial %d", upper, exact, trial).isFalse();
        }
    }
}
