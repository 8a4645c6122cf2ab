package io.github.latentcheck.knn;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.latentcheck.data.Samples;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The k-d tree path (up to 3 columns) against brute force, exactly: integer grids make many equal
 * distances and duplicate rows, so every tie must go to the lowest index, in {@code search} and in
 * {@code searchWithin} (which skips the row itself but not its duplicates), on 1 and 3 threads.
 * Sizes are drawn at random (seeded) so that leaves are full, partial and single.
 */
class KdTreeTest {
    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (int d = 1; d <= 3; d++) {
            for (int k : new int[] {1, 5, 50}) {
                for (int threads : new int[] {1, 3}) {
                    out.add(Arguments.of(d, k, threads));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "d={0} k={1} threads={2}")
    @MethodSource("cases")
    void integerGridsWithTiesMatchBruteForce(int d, int k, int threads) {
        SplittableRandom rng = new SplittableRandom(31L * d + 7L * k + threads);
        NearestNeighborSearch s = NearestNeighborSearch.withDefaults().withK(k).withThreads(threads);
        for (int rep = 0; rep < 4; rep++) {
            int levels = 2 + rng.nextInt(12);
            int m = k + rng.nextInt(1500);
            int n = 1 + rng.nextInt(200);
            Samples reference = BruteForce.integers(rng.nextLong(), m, d, levels);
            Samples queries = BruteForce.integers(rng.nextLong(), n, d, levels + 2);
            assertSame(BruteForce.search(queries, reference, k, false), s.search(queries, reference));
            if (m > k) {
                assertSame(BruteForce.search(reference, reference, k, true), s.searchWithin(reference));
            }
        }
    }

    private static void assertSame(Object[] expected, Neighbors nn) {
        assertThat(BruteForce.indices(nn)).as("indices").containsExactly((int[]) expected[0]);
        assertThat(BruteForce.distances(nn)).as("distances").containsExactly((double[]) expected[1]);
    }
}
