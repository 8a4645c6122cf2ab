package io.github.latentcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.latentcheck.data.SampleFiles;
import io.github.latentcheck.data.Samples;
import io.github.latentcheck.engine.SharedSpark;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code audit --train} with a folder or glob of shards, on the local engine and on Spark
 * ({@code --engine spark --master local[2]}, the test JVM's shared session): the same results.json,
 * byte for byte, as the audit of the same rows in one file; suspects named by (shard, row).
 */
class ShardedAuditTest {
    private static final int COLUMNS = 16;
    private static final int[] SHARDS = {1500, 900, 2100};

    @TempDir
    static Path dir;
    private static Inputs inputs;
    private static Path folder;

    /** Rows from four clusters, shown as 4 x 4 images. */
    private static float[] clustered(SplittableRandom rng, int rows) {
        float[] v = new float[rows * COLUMNS];
        for (int r = 0; r < rows; r++) {
            int cluster = rng.nextInt(4);
            for (int c = 0; c < COLUMNS; c++) {
                v[r * COLUMNS + c] = (float) ((c % 4 == cluster ? 6 : 0) + rng.nextGaussian());
            }
        }
        return v;
    }

    /** The audit's inputs: the training rows in shards and in one file, the samples and the held-out rows. */
    record Inputs(Path folder, Path single, Path samples, Path holdout) {
        /** @return the audit's arguments, then {@code more} */
        String[] audit(Path train, Path out, String... more) {
            String[] base = {"audit", "--samples", samples.toString(), "--train", train.toString(), "--holdout",
                    holdout.toString(), "--image-shape", "4x4", "--seed", "3", "--out", out.toString()};
            String[] args = new String[base.length + more.length];
            System.arraycopy(base, 0, args, 0, base.length);
            System.arraycopy(more, 0, args, base.length, more.length);
            return args;
        }
    }

    /**
     * Writes 4,500 training rows in three shards and in one file; 400 samples, the first 40 copies; 400
     * held out.
     */
    static Inputs write(Path dir) throws Exception {
        SplittableRandom rng = new SplittableRandom(21);
        int total = 0;
        for (int size : SHARDS) {
            total += size;
        }
        float[] all = clustered(rng, total);
        Path folder = Files.createDirectories(dir.resolve("train"));
        for (int s = 0, start = 0; s < SHARDS.length; start += SHARDS[s], s++) {
            float[] part = new float[SHARDS[s] * COLUMNS];
            System.arraycopy(all, start * COLUMNS, part, 0, part.length);
            SampleFiles.write(folder.resolve(String.format("img_emb_%04d.npy", s)),
                    Samples.ofOwned(SHARDS[s], COLUMNS, part));
        }
        Path single = dir.resolve("train.npy");
        SampleFiles.write(single, Samples.ofOwned(total, COLUMNS, all));
        float[] generated = clustered(rng, 400);
        for (int i = 0; i < 40; i++) {
            System.arraycopy(all, (i * 71 + 1600) * COLUMNS, generated, i * COLUMNS, COLUMNS);
        }
        Path samples = dir.resolve("samples.npy");
        Path holdout = dir.resolve("holdout.npy");
        SampleFiles.write(samples, Samples.ofOwned(400, COLUMNS, generated));
        SampleFiles.write(holdout, Samples.ofOwned(400, COLUMNS, clustered(rng, 400)));
        return new Inputs(folder, single, samples, holdout);
    }

    @BeforeAll
    static void writeFiles() throws Exception {
        inputs = write(dir);
        folder = inputs.folder();
    }

    private static Cli audit(Path train, String out, String... more) {
        return Cli.run(inputs.audit(train, dir.resolve(out), more));
    }

    private static byte[] results(String out) throws Exception {
        return Files.readAllBytes(dir.resolve(out).resolve("results.json"));
    }

    @Test
    void shardsLocallyAndOnSparkGiveTheResultsOfOneFileByteForByte() throws Exception {
        Cli one = audit(inputs.single(), "one");
        Cli sharded = audit(folder, "sharded", "--threads", "1");
        SharedSpark.session();
        Cli spark = audit(folder.resolve("img_emb_*.npy"), "spark", "--engine", "spark", "--master", "local[2]",
                "--partition-rows", "700");
        assertThat(one.status()).as(one.err()).isEqualTo(1);
        assertThat(sharded.status()).as(sharded.err()).isEqualTo(1);
        assertThat(spark.status()).as(spark.err()).isEqualTo(1);
        assertThat(results("sharded")).isEqualTo(results("one"));
        assertThat(results("spark")).isEqualTo(results("one"));
        String json = new String(results("spark"), StandardCharsets.UTF_8);
        assertThat(json).contains("\"copyFraction\" : 0.1");
        // Suspects carry their shard and row: the copy of row 1600 is row 100 of img_emb_0001.npy.
        String table = Files.readString(dir.resolve("spark").resolve("memorization-samples.csv"));
        assertThat(table.lines().findFirst().orElseThrow()).startsWith("sample,trainingRow,trainingShard,trainingShardRow,");
        assertThat(table).contains("\n0,1600,1,100,");
        assertThat(Files.readString(dir.resolve("spark").resolve("index.html"))).contains("training img_emb_0001.npy#100");
        assertThat(Files.readString(dir.resolve("spark").resolve("audit.yaml"))).contains("type: \"spark\"");
    }

    @Test
    void aShardWithOtherColumnsIsBadInputNamingItAndNothingIsWritten() throws Exception {
        Path mixed = Files.createDirectories(dir.resolve("mixed"));
        Files.copy(folder.resolve("img_emb_0000.npy"), mixed.resolve("a.npy"));
        SampleFiles.write(mixed.resolve("b.npy"), Samples.ofOwned(2, 3, new float[6]));
        Cli cli = audit(mixed, "mixed-out");
        assertThat(cli.status()).isEqualTo(2);
        assertThat(cli.err().strip()).isEqualTo("latentcheck: " + mixed.resolve("b.npy") + ": shard has 3 columns of float32 but the "
                + "first shard " + mixed.resolve("a.npy") + " has 16 columns of float32");
        assertThat(dir.resolve("mixed-out")).doesNotExist();
    }

    @Test
    void anUnknownEngineOrSparkOptionsWithoutSparkAreUsageErrors() {
        Cli unknown = audit(folder, "x1", "--engine", "gpu");
        assertThat(unknown.status()).isEqualTo(2);
        assertThat(unknown.err().strip()).isEqualTo("latentcheck: --engine is not one of local, spark: 'gpu'");
        Cli master = audit(folder, "x2", "--master", "local[2]");
        assertThat(master.status()).isEqualTo(2);
        assertThat(master.err().strip()).isEqualTo("latentcheck: --master and --partition-rows need --engine spark");
    }

    @Test
    void aSpecsEngineSectionIsCheckedWhereItIsWritten() throws Exception {
        String spec = "name: engine-check\nsamples: 10\nlatent_dim: 16\npriors: [gaussian]\n"
                + "generator: {type: identity}\ndata: {training: " + folder + "}\n"
                + "checks: [{type: memorization, holdout: none}]\nengine: {type: gpu}\n";
        Path file = dir.resolve("engine.yaml");
        Files.writeString(file, spec);
        Cli unknown = Cli.run("run", file.toString());
        assertThat(unknown.status()).isEqualTo(2);
        assertThat(unknown.err().strip()).startsWith("latentcheck: " + file + ":8")
                .endsWith(": engine is not one of local, spark: 'gpu'").doesNotContain("\n");
        Files.writeString(file, spec.replace("{type: gpu}", "{type: spark, mastr: local}"));
        Cli typo = Cli.run("run", file.toString());
        assertThat(typo.status()).isEqualTo(2);
        assertThat(typo.err()).contains("mastr");
    }
}
