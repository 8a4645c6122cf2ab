package io.github.latentcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Data larger than the Java heap is bad input, not a crash: exit status 2 and one line naming what
 * was too large and how to proceed ({@code -Xmx} through {@code LATENTCHECK_JAVA_OPTS}, {@code .npy}
 * rather than CSV). Sizes a header tells are checked before anything is read; the rest is caught.
 * Most cases run the command line in a JVM with a 32 MB heap (the serial collector, whose old
 * generation of about 21 MB can never hold a 30 MB array, so the allocation fails on every machine).
 */
class OutOfMemoryTest {
    private static final String HOW = "raise the heap limit with LATENTCHECK_JAVA_OPTS=-Xmx<size>";

    @TempDir
    Path tmp;

    @Test
    void sampleRefusesDrawsLargerThanTheHeapBeforeDrawing() {
        long max = Runtime.getRuntime().maxMemory();
        int dim = 64;
        long rows = max / (dim * Double.BYTES) + 1;
        Path out = tmp.resolve("z.npy");

        Cli cli = Cli.run("sample", "--prior", "gaussian", "--dim", Integer.toString(dim), "--samples", Long.toString(rows),
                "--out", out.toString());

        assertOneLine(cli, "latentcheck: sample --samples " + rows + " --dim 64 (float64 draws) needs ", HOW);
        assertThat(out).doesNotExist();
    }

    @Test
    void anNpyFileWhoseHeaderShapeExceedsTheHeapIsRefusedBeforeItsDataIsRead() throws Exception {
        Path big = npyHeader(tmp.resolve("big.npy"), "(10000000, 4)");

        Cli cli = runWithSmallHeap("test", "ks", "--samples", big.toString(), "--against", "normal(0,1)");

        assertOneLine(cli, "latentcheck: " + big + ": shape (10000000, 4) as float32 needs 160 MB of memory, "
                + "more than the ", " the Java heap may grow to; " + HOW);
    }

    @Test
    void aCsvFileLargerThanTheHeapNamesTheFile() throws Exception {
        Path csv = tmp.resolve("big.csv");
        try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            w.write("a,b,c,d,e,f,g,h\n");
            for (int r = 0; r < 1_000_000; r++) {
                w.write("0.5,0.5,0.5,0.5,0.5,0.5,0.5,0.5\n");
            }
        }

        Cli cli = runWithSmallHeap("test", "ks", "--samples", csv.toString(), "--column", "a",
                "--against", "normal(0,1)");

        assertOneLine(cli, "latentcheck: " + csv + ": reading it ran out of memory: the data did not fit in the ",
                HOW, "rather than .csv");
    }

    @Test
    void anAllocationNoCheckForesawIsCaughtAtTheTop() throws Exception {
        Path out = tmp.resolve("z.npy");

        Cli cli = runWithSmallHeap("sample", "--prior", "gaussian", "--dim", "1", "--samples", "3770000",
                "--out", out.toString());

        assertOneLine(cli, "latentcheck: the sample command ran out of memory: the data did not fit in the ", HOW);
        assertThat(out).doesNotExist();
    }

    private static void assertOneLine(Cli cli, String start, String... fragments) {
        String err = cli.err().replace("WARNING: Using incubator modules: jdk.incubator.vector\n", "").stripTrailing();
        assertThat(cli.status()).as(cli.err()).isEqualTo(2);
        assertThat(err).as("one line").doesNotContain("\n").startsWith(start);
        for (String fragment : fragments) {
            assertThat(err).contains(fragment);
        }
        assertThat(err).doesNotContain("Exception").doesNotContain("Error").doesNotContain("\tat ");
        assertThat(cli.out()).isEmpty();
    }

    /** A version 1.0 float32 {@code .npy} header with this shape and no data. */
    private static Path npyHeader(Path file, String shape) throws IOException {
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': " + shape + ", }";
        int unpadded = 10 + dict.length() + 1;
        byte[] header = (dict + " ".repeat((64 - unpadded % 64) % 64) + "\n").getBytes(StandardCharsets.US_ASCII);
        ByteBuffer bytes = ByteBuffer.allocate(10 + header.length).order(ByteOrder.LITTLE_ENDIAN);
        bytes.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) header.length).put(header);
        return Files.write(file, bytes.array());
    }

    /** Runs the command line in a new JVM with a 32 MB heap and the serial collector. */
    private Cli runWithSmallHeap(String... args) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx32m", "-XX:+UseSerialGC",
                "-Djava.awt.headless=true", "-cp", Cli.runtimeClassPath(),
                LatentcheckCommand.class.getName()));
        command.addAll(List.of(args));
        Path stdout = tmp.resolve("stdout.txt");
        Path stderr = tmp.resolve("stderr.txt");
        Process p = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        return new Cli(p.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                Files.readString(stderr, StandardCharsets.UTF_8));
    }
}
