package io.github.latentcheck.knn;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.latentcheck.data.MappedNpyFile;
import io.github.latentcheck.data.SampleFiles;
import io.github.latentcheck.data.Samples;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The search on float64 rows gives the exact float64 answer, although its kernel screens in float32:
 * rows that float32 cannot tell apart are still ranked by their float64 distances, and mapped float64
 * files give the in-memory answer bit for bit.
 */
class Float64SearchTest {
    @TempDir
    Path dir;

    /**
     * Rows {@code centre + spread · U(−1, 1)} in float64: with a spread of 1e-12 around 1, every
     * value rounds to the same float32, so only the float64 values can order the neighbours.
     */
    private static Samples float64(long seed, int rows, int columns, double centre, double spread) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] v = new double[rows * columns];
        for (int i = 0; i < v.length; i++) {
            v[i] = centre + spread * (2 * rng.nextDouble() - 1);
        }
        return Samples.of(rows, columns, v);
    }

    private static List<NearestNeighborSearch> engines(int k) {
        NearestNeighborSearch s = NearestNeighborSearch.withDefaults().withK(k).withThreads(2);
        return List.of(s, s.withKernel(new VectorDistanceKernel()), s.withKernel(DistanceKernels.scalar()),
                s.withStreamValues(1));
    }

    private static void assertExact(Samples queries, Samples reference, int k) {
        Object[] expected = BruteForce.search(queries, reference, k, false);
        for (NearestNeighborSearch s : engines(k)) {
            Neighbors nn = s.search(queries, reference);
            assertThat(BruteForce.indices(nn)).as("indices").containsExactly((int[]) expected[0]);
            assertThat(BruteForce.distances(nn)).as("distances").containsExactly((double[]) expected[1]);
        }
    }

    @ParameterizedTest(name = "d={0}")
    @ValueSource(ints = {2, 3, 8, 33, 64})
    void rowsThatFloat32CannotTellApartAreRankedByTheirFloat64Distances(int d) {
        Samples queries = float64(d, 23, d, 1, 1e-12);
        Samples reference = float64(d + 1, 700, d, 1, 1e-12);
        assertThat(reference.toFloatArray()).containsOnly(1f);
        assertExact(queries, reference, 1);
        assertExact(queries, reference, 5);
    }

    @ParameterizedTest(name = "d={0}")
    @ValueSource(ints = {2, 16, 64})
    void float32QueriesAgainstFloat64RowsAreMeasuredExactly(int d) {
        Samples reference = float64(d, 500, d, 0, 1);
        float[] q = float64(d + 7, 31, d, 0, 1).toFloatArray();
        Samples queries = Samples.of(31, d, q);
        assertExact(queries, reference, 3);
        assertExact(reference, queries, 2);
    }

    @ParameterizedTest(name = "d={0}")
    @ValueSource(ints = {2, 16})
    void rowsNearZeroAreRankedExactly(int d) {
        // Squared distances near 1e-300 take ExactDistance's scaled path (below 2^-960).
        assertExact(float64(d, 25, d, 0, 1e-150), float64(d + 3, 300, d, 0, 1e-150), 3);
    }

    @ParameterizedTest(name = "d={0}")
    @ValueSource(ints = {2, 16})
    void rowsFartherApartThanNothingAreNeverAtDistanceZero(int d) {
        Samples reference = float64(d, 300, d, 0, 1e-200);
        double[] q = new double[2 * d];
        reference.copyRows(17, 18, q, 0);
        for (int c = 0; c < d; c++) {
            q[d + c] = q[c] + (c == 0 ? 1e-205 : 0);
        }
        Neighbors nn = NearestNeighborSearch.withDefaults().withK(2).search(Samples.of(2, d, q), reference);
        assertThat(nn.index(0, 0)).isEqualTo(17);
        assertThat(nn.distance(0, 0)).isZero();
        assertThat(nn.distance(1, 0)).as("a squared distance below 2^-1074 is reported as 2^-1074, never 0")
                .isEqualTo(Math.sqrt(Double.MIN_VALUE));
    }

    @ParameterizedTest
    @CsvSource({"40, 3000, 16, 5", "20, 900, 3, 4", "25, 2000, 64, 1"})
    void mappedFloat64RowsGiveTheInMemoryNeighboursBitForBit(int n, int m, int d, int k) {
        Samples queries = float64(1, n, d, 3, 1e-9);
        Samples reference = float64(2, m, d, 3, 1e-9);
        Path file = dir.resolve("train64.npy");
        SampleFiles.write(file, reference);
        ReferenceRows mapped = ReferenceRows.of(MappedNpyFile.open(file));
        Neighbors expected = NearestNeighborSearch.withDefaults().withK(k).search(queries, reference);
        assertThat(BruteForce.indices(expected)).containsExactly((int[]) BruteForce.search(queries, reference, k,
                false)[0]);
        for (NearestNeighborSearch s : engines(k)) {
            Neighbors nn = s.search(queries, mapped);
            assertThat(BruteForce.indices(nn)).containsExactly(BruteForce.indices(expected));
            assertThat(BruteForce.distances(nn)).containsExactly(BruteForce.distances(expected));
        }
    }
}
