package io.github.latentcheck.knn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.data.MappedNpyFile;
import io.github.latentcheck.data.SampleFiles;
import io.github.latentcheck.data.Samples;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Memory-mapped rows, streamed in chunks, give the same neighbours as the rows in memory. */
class MappedReferenceRowsTest {
    @TempDir
    Path dir;

    /** Rows with many ties: integer levels, and every seventh row a duplicate of an earlier one. */
    private static Samples withTies(long seed, int rows, int columns) {
        Samples s = BruteForce.integers(seed, rows, columns, 3);
        float[] v = s.toFloatArray();
        for (int r = 7; r < rows; r += 7) {
            System.arraycopy(v, (r / 2) * columns, v, r * columns, columns);
        }
        return Samples.ofOwned(rows, columns, v);
    }

    private ReferenceRows mapped(Samples rows, String name) {
        Path file = dir.resolve(name);
        SampleFiles.write(file, rows);
        return ReferenceRows.of(MappedNpyFile.open(file));
    }

    private static List<NearestNeighborSearch> streamingEngines(int k) {
        NearestNeighborSearch s = NearestNeighborSearch.withDefaults().withK(k).withThreads(2);
        return List.of(s.withStreamValues(1), s.withStreamValues(3 * 8192),
                s.withKernel(DistanceKernels.scalar()).withStreamValues(5 * 8192));
    }

    @ParameterizedTest
    @CsvSource({"random, 150, 5000, 64, 5", "random, 61, 3001, 16, 50", "ties, 120, 4000, 16, 5",
            "ties, 40, 2500, 64, 50", "random, 30, 900, 3, 4"})
    void streamingMappedRowsGivesTheInMemoryNeighboursBitForBit(String data, int n, int m, int d, int k) {
        Samples queries = data.equals("ties") ? withTies(1, n, d) : BruteForce.uniform(1, n, d, 1, 0);
        Samples reference = data.equals("ties") ? withTies(2, m, d) : BruteForce.uniform(2, m, d, 1, 0);
        Neighbors expected = NearestNeighborSearch.withDefaults().withK(k).search(queries, reference);
        ReferenceRows rows = mapped(reference, "train.npy");
        for (NearestNeighborSearch s : streamingEngines(k)) {
            Neighbors nn = s.search(queries, rows);
            assertThat(BruteForce.indices(nn)).containsExactly(BruteForce.indices(expected));
            assertThat(BruteForce.distances(nn)).containsExactly(BruteForce.distances(expected));
        }
    }

    @Test
    void manyQueriesGoInGroupsAndReportProgressUpToTheQueryCount() {
        int n = 2 * NearestNeighborSearch.queryGroup(256, 3) + 700;
        Samples queries = withTies(3, n, 256);
        Samples reference = withTies(4, 2100, 256);
        Neighbors expected = NearestNeighborSearch.withDefaults().withK(3).search(queries, reference);
        AtomicLong most = new AtomicLong();
        Neighbors nn = NearestNeighborSearch.withDefaults().withK(3).withThreads(2).withStreamValues(8192)
                .withProgress(rows -> most.accumulateAndGet(rows, Math::max))
                .search(queries, mapped(reference, "r.npy"));
        assertThat(BruteForce.indices(nn)).containsExactly(BruteForce.indices(expected));
        assertThat(BruteForce.distances(nn)).containsExactly(BruteForce.distances(expected));
        assertThat(most.get()).isEqualTo(n);
    }

    @Test
    void mappedQueryRowsGiveTheInMemoryNeighbours() {
        Samples queries = withTies(5, 3000, 32);
        Samples reference = BruteForce.uniform(6, 200, 32, 1, 0);
        Neighbors expected = NearestNeighborSearch.withDefaults().withK(2).search(queries, reference);
        Neighbors nn = NearestNeighborSearch.withDefaults().withK(2).search(mapped(queries, "q.npy"), reference);
        assertThat(BruteForce.indices(nn)).containsExactly(BruteForce.indices(expected));
        assertThat(BruteForce.distances(nn)).containsExactly(BruteForce.distances(expected));
    }

    @Test
    void aNanInMappedRowsIsReportedWithTheFileAndRow() {
        Samples reference = BruteForce.uniform(7, 3000, 16, 1, 0);
        float[] v = reference.toFloatArray();
        v[2345 * 16 + 3] = Float.NaN;
        Path file = dir.resolve("bad.npy");
        SampleFiles.write(file, Samples.ofOwned(3000, 16, v));
        ReferenceRows rows = ReferenceRows.of(MappedNpyFile.open(file));
        assertThatThrownBy(() -> NearestNeighborSearch.withDefaults().withStreamValues(8192)
                .search(BruteForce.uniform(8, 10, 16, 1, 0), rows)).isInstanceOf(InvalidInputException.class)
                .hasMessage(file + ": NaN at row 2345, column 3 (0-based); values must be finite");
    }
}
