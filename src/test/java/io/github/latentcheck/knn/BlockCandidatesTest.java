package io.github.latentcheck.knn;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.latentcheck.data.Samples;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BlockCandidatesTest {
    /**
     * The in-place selection that keeps the threshold buffer: the element at {@code nth} is the one a full
     * sort puts there, nothing before it is larger and nothing after it smaller, and the range holds the
     * same values. Exact comparisons: selection only moves values.
     */
    @Test
    void selectPlacesTheNthSmallestAndPartitionsAroundIt() {
        SplittableRandom rng = new SplittableRandom(21);
        for (int trial = 0; trial < 2000; trial++) {
            int size = 1 + rng.nextInt(120);
            float[] a = new float[size + 6];
            int distinct = 1 + rng.nextInt(size + 1);
            for (int i = 0; i < a.length; i++) {
                a[i] = trial % 3 == 0 ? rng.nextInt(distinct) : (float) rng.nextGaussian();
            }
            int from = 3;
            int to = from + size;
            int nth = from + rng.nextInt(size);
            float[] sorted = Arrays.copyOfRange(a, from, to);
            Arrays.sort(sorted);
            float[] before = a.clone();
            BlockCandidates.select(a, from, to, nth);
            assertThat(a[nth]).as("trial %d", trial).isEqualTo(sorted[nth - from]);
            for (int i = from; i < nth; i++) {
                assertThat(a[i]).isLessThanOrEqualTo(a[nth]);
            }
            for (int i = nth + 1; i < to; i++) {
                assertThat(a[i]).isGreaterThanOrEqualTo(a[nth]);
            }
            float[] kept = Arrays.copyOfRange(a, from, to);
            Arrays.sort(kept);
            assertThat(kept).containsExactly(sorted);
            assertThat(Arrays.copyOfRange(a, 0, from)).containsExactly(Arrays.copyOfRange(before, 0, from));
            assertThat(Arrays.copyOfRange(a, to, a.length)).containsExactly(Arrays.copyOfRange(before, to, a.length));
        }
    }

    /**
     * The first block's threshold ({@link BlockCandidates#seedThreshold}): the k-th smallest upper bound
     * \(\tilde D + E\) of the block's rows, computed here as the search defines it and sorted, with the
     * query's own row left out within one set (a row given a dot product that would make it the nearest)
     * and NaN bounds (float overflow) counted as infinite. It stays infinite below k = 16, when fewer than
     * k rows count, and when the k-th bound is NaN. Exact comparisons: the same float operations.
     */
    @Test
    void theFirstBlockSeedsTheThresholdWithItsKthSmallestUpperBound() {
        SplittableRandom rng = new SplittableRandom(16);
        int d = 8;
        int rows = 300;
        float[] blockNorms = new float[rows];
        float[] dots = new float[rows];
        for (int i = 0; i < rows; i++) {
            blockNorms[i] = (float) (d + 3 * rng.nextGaussian());
            dots[i] = (float) rng.nextGaussian();
        }
        float[] queryNorms = {7.5f, 8.25f, 9f, 6f};
        int self = 2;
        dots[self] = 100;
        for (int k : new int[] {1, 15, 16, 50, 299, 300}) {
            for (boolean within : new boolean[] {false, true}) {
                BlockCandidates seeded = started(k, d, within, queryNorms, blockNorms, rows);
                seeded.seedThreshold(self, dots, 0);
                float expected = Float.POSITIVE_INFINITY;
                float[] uppers = upperBounds(seeded, dots, queryNorms[self], blockNorms, within ? self : -1);
                if (k >= BlockCandidates.SEEDED_K && k <= uppers.length) {
                    expected = uppers[k - 1];
                }
                assertThat(seeded.thresholds[self]).as("k = %d, within one set %s", k, within).isEqualTo(expected);
            }
        }
        float[] overflowing = dots.clone();
        Arrays.fill(overflowing, 0, 280, Float.NaN);
        BlockCandidates seeded = started(21, d, false, queryNorms, blockNorms, rows);
        seeded.seedThreshold(0, overflowing, 0);
        assertThat(seeded.thresholds[0]).as("20 finite bounds, k = 21").isEqualTo(Float.POSITIVE_INFINITY);
        seeded = started(20, d, false, queryNorms, blockNorms, rows);
        seeded.seedThreshold(0, overflowing, 0);
        float[] uppers = upperBounds(seeded, overflowing, queryNorms[0], blockNorms, -1);
        assertThat(uppers[19]).isFinite();
        assertThat(seeded.thresholds[0]).as("20 finite bounds, k = 20").isEqualTo(uppers[19]);
        seeded.seedThreshold(0, new float[rows], 0);
        assertThat(seeded.thresholds[0]).as("a finite threshold is kept").isEqualTo(uppers[19]);
    }

    private static BlockCandidates started(int k, int d, boolean within, float[] queryNorms, float[] blockNorms,
            int rows) {
        BlockCandidates candidates = new BlockCandidates(k, d, queryNorms.length, within, null);
        candidates.startQueries(new float[queryNorms.length * d], null, queryNorms, 0, queryNorms.length);
        candidates.startBlock(new float[rows * d], 0, 1, blockNorms, 0, rows);
        return candidates;
    }

    /** @return the upper bounds of a query's rows, NaN as infinity, sorted, leaving out row {@code skip} */
    private static float[] upperBounds(BlockCandidates candidates, float[] dots, float queryNorm, float[] blockNorms,
            int skip) {
        float[] out = new float[dots.length];
        int n = 0;
        for (int row = 0; row < dots.length; row++) {
            if (row != skip) {
                float t = blockNorms[row] + queryNorm;
                float upper = Math.fma(dots[row], -2f, t) + Math.fma(t, candidates.errorScale, candidates.errorFloor);
                out[n++] = Float.isNaN(upper) ? Float.POSITIVE_INFINITY : upper;
            }
        }
        float[] kept = Arrays.copyOf(out, n);
        Arrays.sort(kept);
        return kept;
    }

    /**
     * Ties at the threshold: integer coordinates from {0, 1, 2} give many rows at exactly the k-th distance,
     * found in the other reference block and by the other worker than the winners (two blocks of at most
     * 2,048 rows at 32 columns; also read block by block), so a threshold lowered to the exact k-th distance must keep the rows
     * at it, which win by their lower index. Exact equality with the brute-force search.
     */
    @Test
    void rowsTiedWithTheKthDistanceStillWinByIndex() {
        SplittableRandom rng = new SplittableRandom(50);
        int d = 32;
        float[] q = new float[40 * d];
        float[] r = new float[3000 * d];
        for (int i = 0; i < q.length; i++) {
            q[i] = rng.nextInt(3);
        }
        for (int i = 0; i < r.length; i++) {
            r[i] = rng.nextInt(3);
        }
        Samples queries = Samples.ofOwned(40, d, q);
        Samples reference = Samples.ofOwned(3000, d, r);
        for (int k : new int[] {1, 5, 50}) {
            Object[] expected = BruteForce.search(queries, reference, k, false);
            NearestNeighborSearch s = NearestNeighborSearch.withDefaults().withK(k).withThreads(2);
            for (NearestNeighborSearch search : new NearestNeighborSearch[] {s, s.withStreamValues(1),
                    s.withKernel(DistanceKernels.scalar()).withStreamValues(1)}) {
                Neighbors nn = search.search(queries, reference);
                assertThat(BruteForce.indices(nn)).as("indices, k = %d", k).containsExactly((int[]) expected[0]);
                assertThat(BruteForce.distances(nn)).as("distances, k = %d", k)
                        .containsExactly((double[]) expected[1]);
            }
        }
    }
}
