package io.github.latentcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.latentcheck.data.ParquetWriting;
import io.github.latentcheck.data.SampleFiles;
import io.github.latentcheck.data.Samples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code audit --train} with Parquet files (written by Spark in set-up: snappy, several row groups per
 * file, float and double elements): the same results.json, byte for byte, as the same rows in
 * {@code .npy} shards, on the local engine and on Spark {@code local[2]} (one task per row group);
 * suspects named {@code file.parquet#row}. Every kind of bad Parquet input is exit status 2 with one
 * line naming the file, and the row and column where there is one; nothing is written.
 */
class ParquetAuditTest {
    private static final int WIDE = 16;
    private static final int NARROW = 4;
    private static final StructType ONE_COLUMN = new StructType().add("id", DataTypes.IntegerType)
            .add("emb", DataTypes.createArrayType(DataTypes.FloatType, true), true);

    @TempDir
    static Path dir;
    private static ShardedAuditTest.Inputs inputs;
    private static Path parquet;
    private static Path narrowSamples;

    @BeforeAll
    static void writeFiles() throws Exception {
        inputs = ShardedAuditTest.write(dir);
        parquet = Files.createDirectories(dir.resolve("parquet"));
        for (int s = 0; s < 3; s++) {
            String name = String.format("img_emb_%04d", s);
            // 64-byte rows in 16 KB row groups: several groups per file, so tasks and reads cross them.
            ParquetWriting.write(parquet.resolve(name + ".parquet"), "emb",
                    SampleFiles.readSamples(inputs.folder().resolve(name + ".npy")), "snappy", 16 << 10);
        }
        Samples wide = SampleFiles.readSamples(inputs.single());
        double[] widened = wide.toArray();
        SampleFiles.write(dir.resolve("train64.npy"), Samples.ofOwned(wide.rows(), WIDE, widened));
        ParquetWriting.write(dir.resolve("train64.parquet"), "emb", Samples.ofOwned(wide.rows(), WIDE, widened),
                "zstd", 32 << 10);
        narrowSamples = dir.resolve("narrow.npy");
        SplittableRandom rng = new SplittableRandom(4);
        float[] v = new float[60 * NARROW];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) rng.nextGaussian();
        }
        SampleFiles.write(narrowSamples, Samples.ofOwned(60, NARROW, v));
    }

    private static Cli audit(Path train, String out, String... more) {
        return Cli.run(inputs.audit(train, dir.resolve(out), more));
    }

    private static byte[] results(String out) throws Exception {
        return Files.readAllBytes(dir.resolve(out).resolve("results.json"));
    }

    @Test
    void parquetLocallyAndOnSparkGivesTheResultsOfNpyShardsByteForByte() throws Exception {
        Cli shards = audit(inputs.folder(), "npy-shards");
        Cli local = audit(parquet, "parquet-local", "--threads", "2");
        Cli spark = audit(parquet.resolve("img_emb_*.parquet"), "parquet-spark", "--engine", "spark", "--master",
                "local[2]", "--train-column", "emb");
        assertThat(shards.status()).as(shards.err()).isEqualTo(1);
        assertThat(local.status()).as(local.err()).isEqualTo(1);
        assertThat(spark.status()).as(spark.err()).isEqualTo(1);
        assertThat(results("parquet-local")).isEqualTo(results("npy-shards"));
        assertThat(results("parquet-spark")).isEqualTo(results("npy-shards"));
        // The copy of training row 1600 is row 100 of the second file, in the table and the gallery.
        for (String out : List.of("parquet-local", "parquet-spark")) {
            String table = Files.readString(dir.resolve(out).resolve("memorization-samples.csv"));
            assertThat(table.lines().findFirst().orElseThrow())
                    .startsWith("sample,trainingRow,trainingShard,trainingShardRow,");
            assertThat(table).contains("\n0,1600,1,100,");
            assertThat(Files.readString(dir.resolve(out).resolve("index.html"))).contains("training img_emb_0001.parquet#100");
        }
    }

    @Test
    void doubleElementsGiveTheResultsOfTheSameFloat64Npy() throws Exception {
        Cli npy = audit(dir.resolve("train64.npy"), "npy64");
        Cli pq = audit(dir.resolve("train64.parquet"), "parquet64");
        assertThat(npy.status()).as(npy.err()).isEqualTo(1);
        assertThat(pq.status()).as(pq.err()).isEqualTo(1);
        assertThat(results("parquet64")).isEqualTo(results("npy64"));
    }

    /** Rows of {@link #NARROW} floats, row r holding r + c/10, with the rows {@code odd} replaced by their values. */
    private static Path narrow(String name, StructType schema, Object... odd) {
        List<Row> rows = new ArrayList<>();
        for (int r = 0; r < 120; r++) {
            Float[] v = new Float[NARROW];
            for (int c = 0; c < NARROW; c++) {
                v[c] = r + c / 10f;
            }
            rows.add(RowFactory.create(r, v));
        }
        for (int i = 0; i < odd.length; i += 2) {
            rows.set((Integer) odd[i], RowFactory.create(odd[i], odd[i + 1]));
        }
        Path file = dir.resolve(name);
        ParquetWriting.write(file, schema, rows, "snappy", 1 << 10);
        return file;
    }

    private static void assertBadInput(Path train, String message, String... more) {
        assertThat(badInput(train, more)).isEqualTo("latentcheck: " + message);
    }

    /** A row that the footer's counts cannot reveal is found as the search reads it, inside the check. */
    private static void assertBadInputWhileSearching(Path train, String message, String... more) {
        assertThat(badInput(train, more)).startsWith("latentcheck: ").endsWith(": check 'memorization': " + message)
                .doesNotContain("\n");
    }

    private static String badInput(Path train, String... more) {
        String out = "bad-" + train.getFileName() + "-" + more.length;
        String[] base = {"audit", "--samples", narrowSamples.toString(), "--train", train.toString(), "--out",
            dir.resolve(out).toString()};
        String[] args = new String[base.length + more.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        Cli cli = Cli.run(args);
        assertThat(cli.status()).as(cli.err()).isEqualTo(2);
        assertThat(cli.out()).isEmpty();
        assertThat(dir.resolve(out)).doesNotExist();
        return cli.err().strip();
    }

    @Test
    void aMissingAmbiguousOrNonFloatColumnIsBadInputListingTheColumns() {
        Path good = narrow("good.parquet", ONE_COLUMN);
        assertBadInput(good, good + ": no column vec (columns: id int32, emb an array of float)", "--train-column", "vec");
        assertBadInput(good, good + ": column id is int32, not an array of float or double", "--train-column", "id");
        StructType two = ONE_COLUMN.add("other", DataTypes.createArrayType(DataTypes.DoubleType));
        List<Row> rows = List.of(RowFactory.create(0, new Float[] {1f}, new Double[] {2.0}),
                RowFactory.create(1, new Float[] {1f}, new Double[] {2.0}));
        Path ambiguous = dir.resolve("two.parquet");
        ParquetWriting.write(ambiguous, two, rows, "snappy", 1 << 20);
        assertBadInput(ambiguous, ambiguous + ": 2 columns are arrays of float or double (emb, other): choose one "
                + "with --train-column (data.training_column in a spec)");
        StructType ints = new StructType().add("id", DataTypes.IntegerType)
                .add("emb", DataTypes.createArrayType(DataTypes.IntegerType));
        Path noFloats = dir.resolve("ints.parquet");
        ParquetWriting.write(noFloats, ints, List.of(RowFactory.create(0, new Integer[] {1, 2})), "snappy", 1 << 20);
        assertBadInput(noFloats, noFloats + ": no column is an array of float or double (columns: id int32, emb an "
                + "array of int32)");
        assertBadInput(noFloats, noFloats + ": column emb is an array of int32, not an array of float or double",
                "--train-column", "emb");
        assertBadInput(inputs.single(), inputs.single() + ": training column emb is for Parquet training files, and "
                + "this is not one", "--train-column", "emb");
    }

    @Test
    void aRaggedRowANullOrMixedFilesAreBadInputNamingTheFileRowAndColumn() throws Exception {
        Path ragged = narrow("ragged.parquet", ONE_COLUMN, 37, new Float[] {1f, 2f, 3f});
        assertBadInput(ragged, ragged + ": row 37, column emb: 3 values, not 4 as in the other rows");
        Path nullRow = narrow("null-row.parquet", ONE_COLUMN, 5, null);
        assertBadInput(nullRow, nullRow + ": row 5, column emb: null");
        // A null element still counts as a value in the footer, so it is found as the search reads row 90.
        Path nullValue = narrow("null-value.parquet", ONE_COLUMN, 90, new Float[] {1f, null, 3f, 4f});
        assertBadInputWhileSearching(nullValue, nullValue + ": row 90, column emb: value 1 is null");
        // Row 101 has 3 values and row 102 has 5: the footer's counts add up, so the search finds it, on Spark too.
        Path evened = narrow("evened.parquet", ONE_COLUMN, 101, new Float[] {1f, 2f, 3f}, 102,
                new Float[] {1f, 2f, 3f, 4f, 5f});
        assertBadInputWhileSearching(evened, evened + ": row 101, column emb: 3 values, not 4 as in the other rows");
        assertBadInputWhileSearching(evened, evened + ": row 101, column emb: 3 values, not 4 as in the other rows", "--engine", "spark",
                "--master", "local[2]");
        Path mixed = Files.createDirectories(dir.resolve("mixed"));
        Files.copy(narrow("floats.parquet", ONE_COLUMN), mixed.resolve("a.parquet"));
        List<Row> rows = new ArrayList<>();
        for (int r = 0; r < 10; r++) {
            rows.add(RowFactory.create(r, new Double[] {1.0, 2.0, 3.0, 4.0}));
        }
        ParquetWriting.write(mixed.resolve("b.parquet"), new StructType().add("id", DataTypes.IntegerType)
                .add("emb", DataTypes.createArrayType(DataTypes.DoubleType)), rows, "snappy", 1 << 20);
        assertBadInput(mixed, mixed.resolve("b.parquet") + ": column emb has 4 values of float64 per row but the first "
                + "file " + mixed.resolve("a.parquet") + " has 4 values of float32");
        Path notParquet = dir.resolve("fake.parquet");
        Files.writeString(notParquet, "not parquet at all");
        Cli cli = Cli.run("audit", "--samples", narrowSamples.toString(), "--train", notParquet.toString());
        assertThat(cli.status()).isEqualTo(2);
        assertThat(cli.err().strip()).startsWith("latentcheck: " + notParquet + ": not a Parquet file: ")
                .doesNotContain("\n");
    }

    @Test
    void aSpecNamesTheColumnInDataAndGivesTheResultsOfNpyShards() throws Exception {
        String spec = "name: parquet-spec\nseed: 5\nsamples: 50\nlatent_dim: 16\npriors: [gaussian]\n"
                + "generator: {type: identity}\ndata: {training: TRAIN}\n"
                + "checks: [{type: memorization, holdout: none}]\n";
        Path npySpec = dir.resolve("npy-spec.yaml");
        Path parquetSpec = dir.resolve("parquet-spec.yaml");
        Files.writeString(npySpec, spec.replace("TRAIN", inputs.folder().toString()));
        Files.writeString(parquetSpec, spec.replace("TRAIN", parquet + ", training_column: emb"));
        Cli npy = Cli.run("run", npySpec.toString(), "--out", dir.resolve("npy-run").toString());
        Cli pq = Cli.run("run", parquetSpec.toString(), "--out", dir.resolve("parquet-run").toString());
        assertThat(npy.status()).as(npy.err()).isNotEqualTo(2);
        assertThat(pq.status()).as(pq.err()).isEqualTo(npy.status());
        assertThat(results("parquet-run")).isEqualTo(results("npy-run"));
        Path noTraining = dir.resolve("no-training.yaml");
        Files.writeString(noTraining, spec.replace("training: TRAIN", "training_column: emb"));
        Cli bad = Cli.run("run", noTraining.toString());
        assertThat(bad.status()).isEqualTo(2);
        assertThat(bad.err().strip()).startsWith("latentcheck: " + noTraining + ":7:")
                .endsWith(": training_column names a column of the Parquet training files, but data has no training")
                .doesNotContain("\n");
    }

    @Test
    void withoutSparksJarsParquetIsBadInputSayingHowToRunIt() throws Exception {
        Path file = narrow("plain-java.parquet", ONE_COLUMN);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path stdout = dir.resolve("plain-java.out");
        Path stderr = dir.resolve("plain-java.err");
        Process p = new ProcessBuilder(java, "-Xmx256m", "-Djava.awt.headless=true", "-cp", Cli.runtimeClassPath(),
                LatentcheckCommand.class.getName(), "audit", "--samples", narrowSamples.toString(), "--train",
                file.toString()).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("a guard against a hang, not a timing").isTrue();
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(Files.readString(stdout)).isEmpty();
        assertThat(Files.readString(stderr).strip()).isEqualTo("latentcheck: " + file + ": reading Parquet needs Apache "
                + "Spark's jars (parquet-hadoop and Hadoop's client) on the class path: run latentcheck through "
                + "spark-submit (--master 'local[*]' on one machine, see docs/spark.md), or convert the files to .npy "
                + "shards");
        Cli coverage = Cli.run("coverage", "--samples", narrowSamples.toString(), "--train", file.toString());
        assertThat(coverage.status()).isEqualTo(2);
        assertThat(coverage.err().strip()).isEqualTo("latentcheck: " + file + ": coverage takes the training rows as one "
                + ".npy or .csv file, not Parquet (PRDC and NDB hold them in memory)");
    }
}
