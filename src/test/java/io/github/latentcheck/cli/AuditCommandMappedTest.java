package io.github.latentcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.latentcheck.data.SampleFiles;
import io.github.latentcheck.data.Samples;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code audit} in a JVM whose heap (-Xmx32m) is smaller than twice the training file (120,000 x 32
 * float32 rows, 15 MB; reading it into memory takes two copies): the file is memory-mapped and
 * streamed, and the answer is the same as in this JVM, where it is read into memory.
 */
class AuditCommandMappedTest {
    private static final int ROWS = 120_000;
    private static final int COLUMNS = 32;

    @TempDir
    static Path dir;
    private static Path train;
    private static Path samples;
    private static Path holdout;

    /** Rows from five well separated clusters: row r belongs to cluster r % 5. */
    private static float[] clustered(SplittableRandom rng, int rows) {
        float[] v = new float[rows * COLUMNS];
        for (int r = 0; r < rows; r++) {
            int cluster = rng.nextInt(5);
            for (int c = 0; c < COLUMNS; c++) {
                v[r * COLUMNS + c] = (float) ((c % 5 == cluster ? 10 : 0) + rng.nextGaussian());
            }
        }
        return v;
    }

    /** Training rows; 600 samples of which the first 60 are exact copies of training rows; 300 held out. */
    @BeforeAll
    static void writeFiles() {
        SplittableRandom rng = new SplittableRandom(5);
        float[] training = clustered(rng, ROWS);
        float[] generated = clustered(rng, 600);
        for (int i = 0; i < 60; i++) {
            System.arraycopy(training, (i * 1999) * COLUMNS, generated, i * COLUMNS, COLUMNS);
        }
        train = dir.resolve("train.npy");
        samples = dir.resolve("samples.npy");
        holdout = dir.resolve("holdout.npy");
        SampleFiles.write(train, Samples.ofOwned(ROWS, COLUMNS, training));
        SampleFiles.write(samples, Samples.ofOwned(600, COLUMNS, generated));
        SampleFiles.write(holdout, Samples.ofOwned(300, COLUMNS, clustered(rng, 300)));
    }

    /** Runs the command line in a new JVM with a 32 MB heap and the Vector API kernel, as the launcher does. */
    private static Cli runWithSmallHeap(String... args) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx32m", "-Djava.awt.headless=true",
                "--add-modules", "jdk.incubator.vector", "-cp", Cli.runtimeClassPath(),
                LatentcheckCommand.class.getName()));
        command.addAll(List.of(args));
        Path stdout = dir.resolve("stdout.txt");
        Path stderr = dir.resolve("stderr.txt");
        Process p = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        return new Cli(p.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                Files.readString(stderr, StandardCharsets.UTF_8));
    }

    @Test
    void aTrainingFileLargerThanTheHeapIsStreamedWithTheInMemoryAnswer() throws Exception {
        Cli small = runWithSmallHeap("audit", "--samples", samples.toString(), "--train", train.toString(),
                "--holdout", holdout.toString(), "--json", "--threads", "2");
        Cli here = Cli.run("audit", "--samples", samples.toString(), "--train", train.toString(), "--holdout",
                holdout.toString(), "--json", "--threads", "2");

        assertThat(small.status()).as("a tenth are copies: the default criterion fails").isEqualTo(1);
        assertThat(here.status()).as(here.err()).isEqualTo(1);
        JsonNode mapped = new ObjectMapper().readTree(small.out());
        JsonNode inMemory = new ObjectMapper().readTree(here.out());
        assertThat(mapped.get("metrics")).isEqualTo(inMemory.get("metrics"));
        assertThat(mapped.get("tests")).isEqualTo(inMemory.get("tests"));
        assertThat(mapped.get("metrics").get("exactDuplicates").asLong()).isEqualTo(60);
        assertThat(mapped.get("metrics").get("copyFraction").asDouble()).isEqualTo(0.1);
        assertThat(small.err()).as("no progress line without a terminal").doesNotContain("rows/s");
    }

    @Test
    void aNanMetWhileStreamingNamesFileAndRowAndWritesNothing() throws Exception {
        float[] training = new float[ROWS * COLUMNS];
        SplittableRandom rng = new SplittableRandom(9);
        for (int i = 0; i < training.length; i++) {
            training[i] = (float) rng.nextGaussian();
        }
        training[98_765 * COLUMNS + 7] = Float.POSITIVE_INFINITY;
        Path bad = dir.resolve("bad-train.npy");
        SampleFiles.write(bad, Samples.ofOwned(ROWS, COLUMNS, training));
        Path out = dir.resolve("report");

        Cli json = runWithSmallHeap("audit", "--samples", samples.toString(), "--train", bad.toString(),
                "--holdout", holdout.toString(), "--json");
        Cli report = runWithSmallHeap("audit", "--samples", samples.toString(), "--train", bad.toString(),
                "--holdout", holdout.toString(), "--out", out.toString());

        String message = bad + ": Infinity at row 98765, column 7 (0-based); values must be finite";
        assertThat(json.status()).isEqualTo(2);
        assertThat(json.out()).isEmpty();
        assertThat(json.err().lines().filter(l -> !l.startsWith("WARNING"))).singleElement().asString()
                .contains(message);
        assertThat(report.status()).isEqualTo(2);
        assertThat(report.err()).as("found by the check, while streaming, not when the file was opened")
                .contains("check 'memorization': " + message);
        assertThat(out).doesNotExist();
    }
}
