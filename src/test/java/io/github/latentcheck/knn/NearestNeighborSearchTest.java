package io.github.latentcheck.knn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.data.Samples;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class NearestNeighborSearchTest {
    private static final int[] DIMS = {1, 2, 3, 7, 16, 64, 130};

    /**
     * The search under test as users get it (a k-d tree up to 3 columns), and forced onto each
     * kernel in every dimension: the Vector API one and the plain-Java fallback.
     */
    private static List<NearestNeighborSearch> engines(int k, int threads) {
        NearestNeighborSearch s = NearestNeighborSearch.withDefaults().withK(k).withThreads(threads);
        return List.of(s, s.withKernel(new VectorDistanceKernel()), s.withKernel(DistanceKernels.scalar()));
    }

    private static void assertSearchMatches(Samples queries, Samples reference, int k) {
        Object[] expected = BruteForce.search(queries, reference, k, false);
        for (NearestNeighborSearch s : engines(k, 2)) {
            Neighbors nn = s.search(queries, reference);
            assertThat(nn.queries()).isEqualTo(queries.rows());
            assertThat(nn.k()).isEqualTo(k);
            assertThat(BruteForce.indices(nn)).as("indices").containsExactly((int[]) expected[0]);
            assertThat(BruteForce.distances(nn)).as("distances").containsExactly((double[]) expected[1]);
        }
    }

    private static void assertWithinMatches(Samples data, int k) {
        Object[] expected = BruteForce.search(data, data, k, true);
        for (NearestNeighborSearch s : engines(k, 2)) {
            Neighbors nn = s.searchWithin(data);
            assertThat(BruteForce.indices(nn)).as("indices").containsExactly((int[]) expected[0]);
            assertThat(BruteForce.distances(nn)).as("distances").containsExactly((double[]) expected[1]);
        }
    }

    static Stream<Arguments> shapes() {
        List<Arguments> out = new ArrayList<>();
        for (int d : DIMS) {
            out.add(Arguments.of(1, 1, d, 1));
            out.add(Arguments.of(37, 301, d, 1));
            out.add(Arguments.of(61, 150, d, 5));
            out.add(Arguments.of(23, 97, d, 50));
        }
        out.add(Arguments.of(300, 2500, 64, 5));
        out.add(Arguments.of(9, 5000, 16, 50));
        out.add(Arguments.of(500, 20000, 2, 5));
        out.add(Arguments.of(200, 3001, 3, 50));
        return out.stream();
    }

    @ParameterizedTest(name = "n={0} m={1} d={2} k={3}")
    @MethodSource("shapes")
    void randomDataMatchesBruteForce(int n, int m, int d, int k) {
        long seed = 1000L * d + k;
        assertSearchMatches(BruteForce.uniform(seed, n, d, 1, 0), BruteForce.uniform(seed + 1, m, d, 1, 0), k);
    }

    @ParameterizedTest(name = "d={0}")
    @MethodSource("dims")
    void integerDataWithTiesAndDuplicatesMatchesBruteForce(int d) {
        Samples queries = BruteForce.integers(d, 40, d, 3);
        Samples reference = BruteForce.integers(d + 100, 400, d, 3);
        assertSearchMatches(queries, reference, 1);
        assertSearchMatches(queries, reference, 5);
        assertSearchMatches(queries, reference, 50);
    }

    @Test
    void allRowsEqualKeepsTheLowestIndices() {
        Samples reference = Samples.of(600, 8, new float[600 * 8]);
        Samples queries = Samples.of(5, 8, new float[5 * 8]);
        assertSearchMatches(queries, reference, 50);
        assertWithinMatches(reference, 50);
    }

    static int[] dims() {
        return DIMS;
    }

    @ParameterizedTest(name = "d={0}")
    @MethodSource("dims")
    void hugeOffsetsWhereTheExpansionCancelsMatchBruteForce(int d) {
        for (double offset : new double[] {1e18, 1e19, -3e17}) {
            Samples queries = BruteForce.uniform(d, 20, d, 1e12, offset);
            Samples reference = BruteForce.uniform(d + 7, 200, d, 1e12, offset);
            assertSearchMatches(queries, reference, 5);
            assertSearchMatches(queries, reference, 20);
        }
    }

    @ParameterizedTest(name = "d={0}")
    @MethodSource("dims")
    void tinyMagnitudesMatchBruteForce(int d) {
        for (double scale : new double[] {1e-20, 1e-30, 1e-42}) {
            Samples queries = BruteForce.uniform(d, 20, d, scale, 0);
            Samples reference = BruteForce.uniform(d + 7, 200, d, scale, 0);
            assertSearchMatches(queries, reference, 5);
        }
    }

    @ParameterizedTest(name = "d={0}")
    @MethodSource("dims")
    void mixedMagnitudesMatchBruteForce(int d) {
        float[] v = BruteForce.uniform(d, 300, d, 1, 0).toFloatArray();
        for (int i = 0; i < v.length; i += 7) {
            v[i] *= (i % 3 == 0) ? 1e15f : 1e-15f;
        }
        Samples data = Samples.of(300, d, v);
        assertSearchMatches(Samples.of(40, d, Arrays.copyOf(v, 40 * d)), data, 5);
        assertWithinMatches(data, 5);
    }

    @ParameterizedTest(name = "d={0}")
    @MethodSource("dims")
    void queriesThatAreReferenceRowsFindThemselvesAtZero(int d) {
        Samples reference = BruteForce.uniform(d, 150, d, 1, 0);
        float[] rows = new float[30 * d];
        for (int i = 0; i < 30; i++) {
            System.arraycopy(reference.slice(i * 5, i * 5 + 1).toFloatArray(), 0, rows, i * d, d);
        }
        Samples queries = Samples.of(30, d, rows);
        assertSearchMatches(queries, reference, 5);
        Neighbors nn = NearestNeighborSearch.withDefaults().search(queries, reference);
        for (int i = 0; i < 30; i++) {
            assertThat(nn.index(i, 0)).isEqualTo(i * 5);
            assertThat(nn.distance(i, 0)).isZero();
        }
    }

    @ParameterizedTest(name = "d={0}")
    @MethodSource("dims")
    void kEqualToTheReferenceRowsRanksThemAll(int d) {
        assertSearchMatches(BruteForce.uniform(d, 13, d, 1, 0), BruteForce.uniform(d + 1, 17, d, 1, 0), 17);
        assertWithinMatches(BruteForce.integers(d, 18, d, 2), 17);
    }

    @ParameterizedTest(name = "d={0}")
    @MethodSource("dims")
    void searchWithinExcludesTheRowButNotItsDuplicates(int d) {
        Samples data = BruteForce.integers(d, 250, d, 2);
        assertWithinMatches(data, 1);
        assertWithinMatches(data, 5);
        assertWithinMatches(BruteForce.uniform(d, 211, d, 1, 0), 50);
        float[] twice = new float[2 * d];
        Neighbors nn = NearestNeighborSearch.withDefaults().searchWithin(Samples.of(2, d, twice));
        assertThat(nn.index(0, 0)).isEqualTo(1);
        assertThat(nn.index(1, 0)).isEqualTo(0);
        assertThat(nn.distance(0, 0)).isZero();
    }

    @ParameterizedTest(name = "d={0}")
    @ValueSource(ints = {2, 16})
    void resultsDoNotDependOnTheThreadCount(int d) {
        Samples queries = BruteForce.uniform(5, 1100, d, 1, 0);
        Samples reference = BruteForce.integers(6, 3000, d, 4);
        Neighbors one = NearestNeighborSearch.withDefaults().withK(5).withThreads(1).search(queries, reference);
        for (int threads : new int[] {2, 3}) {
            Neighbors many = NearestNeighborSearch.withDefaults().withK(5).withThreads(threads)
                    .search(queries, reference);
            assertThat(BruteForce.indices(many)).containsExactly(BruteForce.indices(one));
            assertThat(BruteForce.distances(many)).containsExactly(BruteForce.distances(one));
        }
    }

    /**
     * The k-d tree's parallel build: subtrees below the top levels are built by whichever thread reaches them,
     * so on integer grids with many exact ties, at 1 to 3 columns and k up to 50, the answer must be the
     * brute force's, bit for bit, on 1, 3 and 8 threads, and within one set.
     */
    @ParameterizedTest(name = "d={0}")
    @ValueSource(ints = {1, 2, 3})
    void treeBuiltInParallelMatchesBruteForceWithTies(int d) {
        Samples queries = BruteForce.integers(11 + d, 120, d, 6);
        Samples reference = BruteForce.integers(21 + d, 4000, d, 6);
        Samples small = BruteForce.integers(31 + d, 1500, d, 6);
        for (int k : new int[] {1, 5, 50}) {
            Object[] expected = BruteForce.search(queries, reference, k, false);
            Object[] within = BruteForce.search(small, small, k, true);
            for (int threads : new int[] {1, 3, 8}) {
                NearestNeighborSearch s = NearestNeighborSearch.withDefaults().withK(k).withThreads(threads);
                Neighbors nn = s.search(queries, reference);
                assertThat(BruteForce.indices(nn)).as("k=%d threads=%d", k, threads).containsExactly((int[]) expected[0]);
                assertThat(BruteForce.distances(nn)).containsExactly((double[]) expected[1]);
                Neighbors self = s.searchWithin(small);
                assertThat(BruteForce.indices(self)).as("within k=%d threads=%d", k, threads)
                        .containsExactly((int[]) within[0]);
                assertThat(BruteForce.distances(self)).containsExactly((double[]) within[1]);
            }
        }
    }

    /**
     * Reference rows read block by block (more than one chunk): workers take blocks in whatever
     * order the threads reach them and their lists are merged, so the answer must still be the
     * one-thread answer, bit for bit, with ties (integer data) and within one set.
     */
    @ParameterizedTest(name = "d={0}")
    @ValueSource(ints = {16, 64})
    void blockByBlockResultsDoNotDependOnTheThreadCount(int d) {
        Samples queries = BruteForce.integers(7, 700, d, 3);
        Samples reference = BruteForce.integers(8, 5000, d, 3);
        NearestNeighborSearch s = NearestNeighborSearch.withDefaults().withK(7).withStreamValues(1);
        Neighbors one = s.withThreads(1).search(queries, reference);
        Neighbors within = s.withThreads(1).searchWithin(reference);
        Neighbors exact = NearestNeighborSearch.withDefaults().withK(7).search(queries, reference);
        assertThat(BruteForce.indices(one)).containsExactly(BruteForce.indices(exact));
        assertThat(BruteForce.distances(one)).containsExactly(BruteForce.distances(exact));
        Neighbors withinExact = NearestNeighborSearch.withDefaults().withK(7).searchWithin(reference);
        assertThat(BruteForce.indices(within)).containsExactly(BruteForce.indices(withinExact));
        assertThat(BruteForce.distances(within)).containsExactly(BruteForce.distances(withinExact));
        for (int threads : new int[] {2, 3, 8}) {
            Neighbors many = s.withThreads(threads).search(queries, reference);
            assertThat(BruteForce.indices(many)).containsExactly(BruteForce.indices(one));
            assertThat(BruteForce.distances(many)).containsExactly(BruteForce.distances(one));
            Neighbors manyWithin = s.withThreads(threads).searchWithin(reference);
            assertThat(BruteForce.indices(manyWithin)).containsExactly(BruteForce.indices(within));
            assertThat(BruteForce.distances(manyWithin)).containsExactly(BruteForce.distances(within));
        }
    }

    @Test
    void progressReachesTheNumberOfQueries() {
        AtomicLong most = new AtomicLong();
        NearestNeighborSearch.withDefaults().withThreads(3).withProgress(rows -> most.accumulateAndGet(rows, Math::max))
                .search(BruteForce.uniform(1, 1000, 4, 1, 0), BruteForce.uniform(2, 50, 4, 1, 0));
        assertThat(most.get()).isEqualTo(1000);
    }

    @Test
    void rejectsBadInputWithClearMessages() {
        Samples three = BruteForce.uniform(1, 3, 2, 1, 0);
        Samples wide = BruteForce.uniform(1, 3, 5, 1, 0);
        NearestNeighborSearch s = NearestNeighborSearch.withDefaults();
        assertThatThrownBy(() -> s.withK(4).search(three, three)).isInstanceOf(InvalidInputException.class)
                .hasMessage("k-nearest-neighbour search needs at least 4 reference rows: 3");
        assertThatThrownBy(() -> s.withK(3).searchWithin(three)).isInstanceOf(InvalidInputException.class)
                .hasMessage("k-nearest-neighbour search needs at least 4 reference rows: 3");
        assertThatThrownBy(() -> s.search(three, wide)).isInstanceOf(InvalidInputException.class)
                .hasMessage("queries have 2 columns but the reference rows have 5");
        assertThatThrownBy(() -> s.withK(0)).isInstanceOf(InvalidInputException.class)
                .hasMessage("k is not at least 1: 0");
        assertThatThrownBy(() -> s.withThreads(0)).isInstanceOf(InvalidInputException.class)
                .hasMessage("threads is not at least 1: 0");
        Samples nan = Samples.of(2, 2, new float[] {0, 1, Float.NaN, 3});
        assertThatThrownBy(() -> s.search(nan, three)).isInstanceOf(InvalidInputException.class)
                .hasMessage("queries row 1 column 0 is not finite: NaN");
        Samples inf = Samples.of(2, 2, new float[] {0, 1, 2, Float.NEGATIVE_INFINITY});
        assertThatThrownBy(() -> s.search(three, inf)).isInstanceOf(InvalidInputException.class)
                .hasMessage("reference rows row 1 column 1 is not finite: -Infinity");
    }
}
