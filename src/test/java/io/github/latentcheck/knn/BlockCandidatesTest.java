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
