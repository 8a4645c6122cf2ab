package io.github.latentcheck.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.knn.ParquetRows;
import io.github.latentcheck.knn.ReferenceRows;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parquet files written by Spark read back exactly, row group by row group: float and double
 * elements, snappy and zstd, several row groups per file, several files as one set of rows.
 */
class ParquetFileTest {
    private static final int COLUMNS = 12;

    @TempDir
    static Path dir;
    private static Samples floats;
    private static Samples doubles;

    static Samples gaussian(long seed, int rows, boolean asFloat) {
        SplittableRandom rng = new SplittableRandom(seed);
        if (asFloat) {
            float[] v = new float[rows * COLUMNS];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) rng.nextGaussian();
            }
            return Samples.ofOwned(rows, COLUMNS, v);
        }
        double[] v = new double[rows * COLUMNS];
        for (int i = 0; i < v.length; i++) {
            v[i] = rng.nextGaussian();
        }
        return Samples.ofOwned(rows, COLUMNS, v);
    }

    @BeforeAll
    static void writeFiles() throws Exception {
        floats = gaussian(1, 1000, true);
        doubles = gaussian(2, 700, false);
        Files.createDirectories(dir.resolve("set"));
        ParquetWriting.write(dir.resolve("set/a.parquet"), "emb", floats.slice(0, 600), "snappy", 8 << 10);
        ParquetWriting.write(dir.resolve("set/b.parquet"), "emb", floats.slice(600, 1000), "uncompressed", 8 << 10);
        ParquetWriting.write(dir.resolve("double.parquet"), "vec", doubles, "zstd", 16 << 10);
    }

    private static double[] all(ReferenceRows rows) {
        double[] out = new double[rows.rows() * rows.columns()];
        rows.copyBlock(0, rows.rows(), out, 0);
        return out;
    }

    @Test
    void floatRowsReadBackExactlyAcrossRowGroupsAndFiles() {
        ParquetFile a = ParquetFile.open(dir.resolve("set/a.parquet"), null);
        assertThat(a.column()).isEqualTo("emb");
        assertThat(a.precision()).isEqualTo(Precision.FLOAT32);
        assertThat(a.columns()).isEqualTo(COLUMNS);
        assertThat(a.rows()).isEqualTo(600);
        assertThat(a.groups()).as("8 KB row groups of 48-byte rows").isGreaterThan(2);
        ParquetRows rows = ParquetRows.open(dir.resolve("set"), null);
        assertThat(rows.rows()).isEqualTo(1000);
        assertThat(rows.shards()).isEqualTo(2);
        assertThat(rows.precision()).isEqualTo(Precision.FLOAT32);
        assertThat(all(rows)).containsExactly(floats.toArray());
        // A block that crosses row groups and the boundary between the files, read as float32.
        float[] block = new float[200 * COLUMNS];
        rows.copyBlock(500, 700, block);
        float[] expected = new float[200 * COLUMNS];
        floats.slice(500, 700).copyRows(0, 200, expected);
        assertThat(block).containsExactly(expected);
        assertThat(rows.row(999)).containsExactly(floats.row(999));
        assertThat(rows.shardOf(600)).isEqualTo(1);
        assertThat(rows.rowInShard(617)).isEqualTo(17);
        assertThat(rows.rowLabel(617)).isEqualTo("b.parquet#17");
        assertThat(rows.rowLabel(3)).isEqualTo("a.parquet#3");
    }

    @Test
    void doubleRowsKeepTheirPrecisionAndOneFileIsNamedByFileAndRow() {
        ParquetRows rows = ParquetRows.open(dir.resolve("double.parquet"), "vec");
        assertThat(rows.precision()).isEqualTo(Precision.FLOAT64);
        assertThat(rows.file(0).groups()).isGreaterThan(1);
        assertThat(all(rows)).containsExactly(doubles.toArray());
        assertThat(rows.rowLabel(5)).isEqualTo("double.parquet#5");
        assertThat(ParquetFiles.isParquet(dir.resolve("set"))).isTrue();
        assertThat(ParquetFiles.isParquet(dir.resolve("set/*.parquet"))).isTrue();
        assertThat(ParquetFiles.isParquet(dir.resolve("x.npy"))).isFalse();
    }

    @Test
    void withoutParquetOnTheClassPathReadingSaysHowToRunInOneLine() {
        Path file = dir.resolve("double.parquet");
        assertThatThrownBy(() -> ParquetFiles.requireReader(file, new ClassLoader(null) { }))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(file + ": reading Parquet needs Apache Spark's jars (parquet-hadoop and Hadoop's client) on "
                        + "the class path: run latentcheck through spark-submit (--master 'local[*]' on one machine, "
                        + "see docs/spark.md), or convert the files to .npy shards");
    }
}
