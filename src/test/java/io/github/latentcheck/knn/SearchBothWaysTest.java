package io.github.latentcheck.knn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.latentcheck.data.Samples;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link NearestNeighborSearch#searchBothWays}: the queries' k nearest are the plain search's, and every
 * reference row's distance to its nearest query is the brute force's, bit for bit, on each kernel, on
 * ties and duplicates, across several query groups, float64 rows and any thread count.
 */
class SearchBothWaysTest {
    private static List<NearestNeighborSearch> engines(int k, int threads) {
        NearestNeighborSearch s = NearestNeighborSearch.withDefaults().withK(k).withThreads(threads);
        return List.of(s, s.withKernel(new VectorDistanceKernel()), s.withKernel(DistanceKernels.scalar()));
    }

    /** @return each reference row's distance to its nearest query, by brute force */
    private static double[] nearestQueries(Samples queries, Samples reference) {
        return BruteForce.distances(toNeighbors(BruteForce.search(reference, queries, 1, false), reference.rows()));
    }

    private static Neighbors toNeighbors(Object[] found, int rows) {
        return Neighbors.ofOwned(rows, 1, (int[]) found[0], (double[]) found[1]);
    }

    private static void assertBothWays(Samples queries, Samples reference, int k) {
        Object[] expected = BruteForce.search(queries, reference, k, false);
        double[] expectedNearest = nearestQueries(queries, reference);
        for (NearestNeighborSearch s : engines(k, 2)) {
            double[] nearest = new double[reference.rows()];
            Neighbors nn = s.searchBothWays(queries, ReferenceRows.of(reference), nearest);
            assertThat(BruteForce.indices(nn)).as("indices").containsExactly((int[]) expected[0]);
            assertThat(BruteForce.distances(nn)).as("distances").containsExactly((double[]) expected[1]);
            assertThat(nearest).as("nearest queries").containsExactly(expectedNearest);
        }
    }

    @ParameterizedTest(name = "d={0}")
    @ValueSource(ints = {1, 3, 7, 16, 64, 130})
    void randomRowsMatchTheBruteForceBothWays(int d) {
        assertBothWays(BruteForce.uniform(3L * d, 61, d, 1, 0), BruteForce.uniform(3L * d + 1, 700, d, 1, 0), 5);
        assertBothWays(BruteForce.uniform(3L * d + 2, 1, d, 1, 0), BruteForce.uniform(3L * d + 3, 90, d, 1, 0), 1);
    }

    /** Integer values: many reference rows at the same distance from several queries, and rows equal to queries. */
    @ParameterizedTest(name = "d={0}")
    @ValueSource(ints = {2, 16, 64})
    void tiesAndDuplicatesMatchTheBruteForce(int d) {
        Samples queries = BruteForce.integers(d, 120, d, 3);
        Samples reference = BruteForce.integers(d + 1, 900, d, 3);
        assertBothWays(queries, reference, 7);
        assertBothWays(reference, queries, 1);
    }

    /**
     * 4,500 queries at k = 50 are two query groups ({@link NearestNeighborSearch#queryGroup}): a reference
     * row's nearest query may be in either, and each group's workers scan the blocks in any order.
     */
    @Test
    void severalQueryGroupsAndThreadCountsGiveTheSameBits() {
        Samples queries = BruteForce.uniform(31, 4500, 16, 1, 0);
        Samples reference = BruteForce.uniform(32, 1000, 16, 1, 0);
        assertThat(NearestNeighborSearch.queryGroup(16, 50)).isLessThan(queries.rows());
        double[] expected = nearestQueries(queries, reference);
        Neighbors plain = NearestNeighborSearch.withDefaults().withK(50).search(queries, reference);
        for (int threads : new int[] {1, 2, 3, 8}) {
            for (NearestNeighborSearch s : engines(50, threads)) {
                double[] nearest = new double[reference.rows()];
                Neighbors nn = s.searchBothWays(queries, ReferenceRows.of(reference), nearest);
                assertThat(nearest).as("threads %d", threads).containsExactly(expected);
                // isEqualTo compares the 225,000 entries with Arrays.equals; containsExactly took seconds each.
                assertThat(BruteForce.indices(nn)).isEqualTo(BruteForce.indices(plain));
                assertThat(BruteForce.distances(nn)).isEqualTo(BruteForce.distances(plain));
            }
        }
    }

    /**
     * Forty near-copies of one query, the i-th moved up by 39 − i ulps in its first value (−0.86): their
     * lower and upper bounds overlap for every reference row (the moves change the squared distances by
     * about 10⁻⁶, the margin E is about 3·10⁻⁵), so all forty wait in each row's buffer of eight, which
     * fills five times in a block; their exact distances differ, and the twelve reference rows nearest to
     * them lie above, so their nearest is the first copy, in the first buffer: a full buffer dropped
     * unmeasured fails this test (checked by breaking it).
     */
    @Test
    void manyQueriesWithinTheMarginFillTheRowsBuffers() {
        float[] copies = new float[40 * 16];
        float[] base = BruteForce.uniform(41, 1, 16, 1, 0).toFloatArray();
        for (int i = 0; i < 40; i++) {
            System.arraycopy(base, 0, copies, i * 16, 16);
            for (int step = 0; step < 39 - i; step++) {
                copies[i * 16] = Math.nextUp(copies[i * 16]);
            }
        }
        Samples queries = Samples.stack(List.of(Samples.of(40, 16, copies), BruteForce.uniform(42, 30, 16, 1, 0)));
        Samples reference = BruteForce.uniform(43, 600, 16, 1, 0);
        Neighbors reverse = NearestNeighborSearch.withDefaults().search(reference, queries);
        assertThat(IntStream.range(0, 600).filter(r -> reverse.index(r, 0) == 0).count()).isEqualTo(12);
        assertBothWays(queries, reference, 4);
    }

    /** float64 rows that round to one float32: only the exact measurement tells the nearest query. */
    @ParameterizedTest(name = "d={0}")
    @ValueSource(ints = {2, 8, 64})
    void float64RowsAreMeasuredFromTheirValues(int d) {
        assertBothWays(float64(d, 40, d), float64(d + 1, 500, d), 3);
    }

    private static Samples float64(long seed, int rows, int columns) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] v = new double[rows * columns];
        for (int i = 0; i < v.length; i++) {
            v[i] = 1 + 1e-12 * (2 * rng.nextDouble() - 1);
        }
        return Samples.of(rows, columns, v);
    }

    @Test
    void nearestQueryMustHaveOneEntryPerReferenceRow() {
        Samples rows = BruteForce.uniform(5, 10, 4, 1, 0);
        assertThatThrownBy(() -> NearestNeighborSearch.withDefaults().searchBothWays(rows, ReferenceRows.of(rows),
                new double[9])).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("nearestQuery has 9 entries for 10 reference rows");
    }
}
