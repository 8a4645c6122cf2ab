package io.github.latentcheck.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.data.Latents;
import io.github.latentcheck.data.Precision;
import io.github.latentcheck.data.Samples;
import io.github.latentcheck.prior.GaussianPrior;
import io.github.latentcheck.prior.LatentSampler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The process protocol and each way a process can fail; skipped where python3 with numpy is absent.
 * No test depends on how fast the machine is or how long python3 takes to start (a pyenv shim takes
 * over a second): a process that must time out sleeps for ten minutes, so anything but the timeout
 * fails the test, and what a test expects on stderr is written before an answer it waits for.
 */
class ProcessGeneratorTest {
    private static final String ECHO_HALF = """
            import sys
            from types import SimpleNamespace
            import numpy as np
            stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
            pipe = SimpleNamespace(read=stdin.read)
            while stdin.peek(1):
                z = np.lib.format.read_array(pipe)
                np.lib.format.write_array(stdout, %s)
                stdout.flush()
            """;

    /**
     * Answers every batch with two arrays, written in one write of under 4 KB, which a pipe delivers
     * whole: the second is on stdout by the time the first has been read.
     */
    private static final String TWO_ARRAYS = """
            import io, sys
            from types import SimpleNamespace
            import numpy as np
            stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
            pipe = SimpleNamespace(read=stdin.read)
            while stdin.peek(1):
                z = np.lib.format.read_array(pipe)
                both = io.BytesIO()
                np.lib.format.write_array(both, z)
                np.lib.format.write_array(both, z)
                stdout.write(both.getvalue())
                stdout.flush()
            """;

    @TempDir
    Path tmp;

    @BeforeAll
    static void needsPythonWithNumpy() throws InterruptedException {
        boolean available;
        try {
            Process p = new ProcessBuilder("python3", "-c", "import numpy").redirectErrorStream(true).start();
            available = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            available = false;
        }
        assumeTrue(available, "python3 with numpy is not on the PATH: the process generator tests are skipped");
    }

    @Test
    void theShippedExampleTurnsLatentsIntoTheRingBatchAfterBatch() {
        Latents z = LatentSampler.sample(GaussianPrior.of(4), 5000, 7L, 1);
        Path example = Path.of("examples/process-generator").toAbsolutePath();
        try (ProcessGenerator g = ProcessGenerator.start(List.of("python3", "ring_generator.py"), example, 4, 2000,
                Duration.ofSeconds(30), ProcessGenerator.DEFAULT_STARTUP_TIMEOUT, ProcessGenerator.Dtype.FLOAT32)) {
            Samples first = g.generate(z.slice(0, 2000));
            Samples second = g.generate(z.slice(2000, 5000));

            assertThat(g.outputDimension()).isEqualTo(2);
            assertThat(first.rows()).isEqualTo(2000);
            assertThat(second.rows()).isEqualTo(3000);
            for (Samples part : List.of(first, second)) {
                for (int r = 0; r < part.rows(); r++) {
                    double radius = Math.hypot(part.value(r, 0), part.value(r, 1));
                    assertThat(radius).isBetween(1.8, 2.2);
                }
            }
        }
    }

    @Test
    void float64LatentsArriveExactly() throws IOException {
        Path script = script("exact.py", ECHO_HALF.formatted("z"));
        Latents z = Latents.of(2, 2, new double[] {0.1, 1e-300, -2.5, 3.0});
        try (ProcessGenerator g = ProcessGenerator.start(List.of("python3", script.toString()), tmp, 2, 16,
                Duration.ofSeconds(30), ProcessGenerator.DEFAULT_STARTUP_TIMEOUT, ProcessGenerator.Dtype.FLOAT64)) {
            Samples x = g.generate(z);

            assertThat(x.precision()).isEqualTo(Precision.FLOAT64);
            assertThat(x.value(0, 0)).isEqualTo(0.1);
            assertThat(x.value(0, 1)).isEqualTo(1e-300);
            assertThat(x.value(1, 1)).isEqualTo(3.0);
        }
    }

    @Test
    void stderrOutputAloneIsNotAFailure() throws IOException {
        Path script = script("warns.py", "import sys\nprint('UserWarning: something is deprecated', file=sys.stderr)\n"
                + ECHO_HALF.formatted("z"));
        try (ProcessGenerator g = start(script, Duration.ofSeconds(30))) {
            assertThat(g.generate(Latents.of(3, 2, new double[6])).rows()).isEqualTo(3);
        }
    }

    @Test
    void aProcessThatExitsEarlyIsReportedWithItsStatusAndStderr() throws IOException {
        Path script = script("dies.py", """
                import sys
                print('loading weights', file=sys.stderr)
                print('FileNotFoundError: weights.pt', file=sys.stderr)
                sys.exit(3)
                """);
        try (ProcessGenerator g = start(script, Duration.ofSeconds(30))) {
            assertThatThrownBy(() -> g.generate(Latents.of(3, 2, new double[6])))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("exited with status 3")
                    .hasMessageContaining("stderr: loading weights | FileNotFoundError: weights.pt");
            assertThat(g.process().isAlive()).isFalse();
        }
    }

    @Test
    void garbageOnStdoutIsRefusedAndTheProcessKilled() throws IOException {
        Path script = script("garbage.py", """
                import sys, time
                sys.stdin.buffer.read(8)
                print('hello, this is not an array', flush=True)
                print('about to sleep', file=sys.stderr, flush=True)
                time.sleep(60)
                """);
        ProcessGenerator g = start(script, Duration.ofSeconds(30));
        assertThatThrownBy(() -> g.generate(Latents.of(3, 2, new double[6])))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("not a .npy file")
                .hasMessageContaining("the process was killed")
                .hasMessageContaining("stderr: about to sleep");
        assertThat(g.process().isAlive()).isFalse();
        g.close();
    }

    @Test
    void theWrongRowCountIsRefused() throws IOException {
        Path script = script("short.py", ECHO_HALF.formatted("z[:-1]"));
        try (ProcessGenerator g = start(script, Duration.ofSeconds(30))) {
            assertThatThrownBy(() -> g.generate(Latents.of(5, 2, new double[10])))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("answered batch 1 (5 latents) with 4 rows")
                    .hasMessageContaining("it wrote nothing to stderr");
            assertThat(g.process().isAlive()).isFalse();
        }
    }

    @Test
    void aProcessThatHangsAfterItsFirstAnswerIsKilledAfterTheTimeout() throws IOException {
        Path script = script("hangs.py", """
                import sys, time
                from types import SimpleNamespace
                import numpy as np
                stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
                z = np.lib.format.read_array(SimpleNamespace(read=stdin.read))
                print('thinking very hard', file=sys.stderr, flush=True)
                np.lib.format.write_array(stdout, z)
                stdout.flush()
                time.sleep(600)
                """);
        ProcessGenerator g = start(script, Duration.ofSeconds(1));
        g.generate(Latents.of(3, 2, new double[6]));

        assertThatThrownBy(() -> g.generate(Latents.of(3, 2, new double[6])))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("did not answer batch 2 (3 latents) within 1 s (timeout); the process was killed")
                .hasMessageContaining("stderr: thinking very hard");
        assertThat(g.process().isAlive()).isFalse();
        g.close();
    }

    @Test
    void aProcessThatNeverAnswersIsKilledAfterItsStartupTimeAndTheTimeout() throws IOException {
        Path script = script("never.py", "import time\ntime.sleep(600)\n");
        ProcessGenerator g = ProcessGenerator.start(List.of("python3", script.toString()), tmp, 2, 64,
                Duration.ofSeconds(1), Duration.ofSeconds(2), ProcessGenerator.Dtype.FLOAT32);

        assertThatThrownBy(() -> g.generate(Latents.of(3, 2, new double[6])))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("did not answer batch 1 (3 latents) within 1 s (timeout) + 2 s for its "
                        + "start-up (startup_timeout); the process was killed");
        assertThat(g.process().isAlive()).isFalse();
        g.close();
    }

    @Test
    void anExtraArrayAfterAnAnswerIsRefusedBeforeTheNextBatch() throws IOException {
        Path script = script("twice.py", TWO_ARRAYS);
        try (ProcessGenerator g = start(script, Duration.ofSeconds(30))) {
            g.generate(Latents.of(3, 2, new double[6]));

            assertThatThrownBy(() -> g.generate(Latents.of(3, 2, new double[6])))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("more bytes after its answer to batch 1, before batch 2 "
                            + "(3 latents) was sent; each batch's reply must be exactly one .npy array with a row "
                            + "per latent; the process was killed");
            assertThat(g.process().isAlive()).isFalse();
        }
    }

    @Test
    void anExtraArrayAfterTheLastAnswerIsRefusedOnClose() throws IOException {
        Path script = script("twice.py", TWO_ARRAYS);
        ProcessGenerator g = start(script, Duration.ofSeconds(30));
        assertThat(g.generate(Latents.of(3, 2, new double[6])).rows()).isEqualTo(3);

        assertThatThrownBy(g::close).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("more bytes after its answer to batch 1, the last; each batch's "
                        + "reply must be exactly one .npy array with a row per latent");
        assertThat(g.process().isAlive()).isFalse();
    }

    @Test
    void controlCharactersOnStderrAreShownAsEscapes() throws IOException {
        Path script = script("ansi.py", """
                import sys
                sys.stderr.write('\\x1b]0;pwned\\x07\\x1b[2Jloading\\u202e\\n')
                sys.exit(3)
                """);
        try (ProcessGenerator g = start(script, Duration.ofSeconds(30))) {
            assertThatThrownBy(() -> g.generate(Latents.of(3, 2, new double[6])))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("stderr: \\x1b]0;pwned\\x07\\x1b[2Jloading\\u202e")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\u001b").doesNotContain("\u0007"));
        }
    }

    @Test
    void closeEndsAProcessThatIgnoresTheEndOfItsInput() throws IOException {
        Path script = script("stubborn.py", ECHO_HALF.formatted("z") + "import time\ntime.sleep(120)\n");
        ProcessGenerator g = start(script, Duration.ofSeconds(30));
        g.generate(Latents.of(1, 2, new double[2]));

        g.close();

        assertThat(g.process().isAlive()).isFalse();
    }

    @Test
    void aCommandThatCannotStartIsBadInput() {
        assertThatThrownBy(() -> ProcessGenerator.start(List.of("no-such-program-latentcheck"), tmp, 2, 16,
                Duration.ofSeconds(1), Duration.ofSeconds(1), ProcessGenerator.Dtype.FLOAT32))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("generator process [no-such-program-latentcheck]: cannot start");
    }

    private ProcessGenerator start(Path script, Duration timeout) {
        return ProcessGenerator.start(List.of("python3", script.toString()), tmp, 2, 64, timeout,
                ProcessGenerator.DEFAULT_STARTUP_TIMEOUT, ProcessGenerator.Dtype.FLOAT32);
    }

    private Path script(String name, String text) throws IOException {
        return Files.writeString(tmp.resolve(name), text);
    }
}
