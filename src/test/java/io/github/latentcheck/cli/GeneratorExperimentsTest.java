package io.github.latentcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped experiments that use real generators, and how the command line reports their failures. */
class GeneratorExperimentsTest {
    @TempDir
    Path tmp;

    @Test
    void theProcessGeneratorExperimentPassesWithThePythonExample() {
        assumePythonWithNumpy();
        Cli cli = Cli.run("run", "experiments/process-generator.yaml", "--out", tmp.toString(), "--samples", "3000");

        assertThat(cli.status()).as(cli.err()).isZero();
        assertThat(cli.out()).contains("process-generator: PASSED");
    }

    /**
     * The process answers its first batch, then hangs on the second: the one-second timeout counts
     * from there, so a slow start (a pyenv python3 takes over a second) cannot be taken for the hang,
     * and the stderr line and the pid file are written before the first answer.
     */
    @Test
    void aHangingProcessIsExitTwoWithItsStderrNoReportAndNoProcessLeft() throws IOException {
        assumePythonWithNumpy();
        Path dir = Files.createDirectory(tmp.resolve("spec"));
        Files.writeString(dir.resolve("hang.py"), """
                import os, sys, time
                from types import SimpleNamespace
                import numpy as np
                open('pid', 'w').write(str(os.getpid()))
                z = np.lib.format.read_array(SimpleNamespace(read=sys.stdin.buffer.read))
                print('warming up the GPU', file=sys.stderr, flush=True)
                np.lib.format.write_array(sys.stdout.buffer, z)
                sys.stdout.buffer.flush()
                time.sleep(600)
                """);
        Path spec = Files.writeString(dir.resolve("hang.yaml"), """
                name: hang
                samples: 100
                latent_dim: 2
                priors: [gaussian]
                generator: {type: process, command: [python3, hang.py], batch: 50, timeout: 1s}
                checks: [latent-ks]
                """);
        Path out = tmp.resolve("report");

        Cli cli = Cli.run("run", spec.toString(), "--out", out.toString());

        assertThat(cli.status()).isEqualTo(2);
        assertThat(cli.err()).startsWith("latentcheck: generator process [python3, hang.py]: did not answer batch 2 "
                + "(50 latents) within 1 s (timeout)").contains("stderr: warming up the GPU").hasLineCount(1);
        assertNoReport(out);
        long pid = Long.parseLong(Files.readString(dir.resolve("pid")).strip());
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).isNotEqualTo(java.util.Optional.of(true));
    }

    @Test
    void aProcessThatWritesTwoArraysPerBatchIsExitTwoNamingTheBatch() throws IOException {
        assumePythonWithNumpy();
        Path dir = Files.createDirectory(tmp.resolve("spec"));
        Files.writeString(dir.resolve("twice.py"), """
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
                    stdout.write(both.getvalue())  # one write of under 4 KB: a pipe delivers it whole
                    stdout.flush()
                """);
        Path spec = Files.writeString(dir.resolve("twice.yaml"), """
                name: twice
                samples: 100
                latent_dim: 2
                priors: [gaussian]
                generator: {type: process, command: [python3, twice.py], batch: 50}
                checks: [latent-ks]
                """);
        Path out = tmp.resolve("report");

        Cli cli = Cli.run("run", spec.toString(), "--out", out.toString());

        assertThat(cli.status()).as(cli.err()).isEqualTo(2);
        assertThat(cli.err()).startsWith("latentcheck: generator process [python3, twice.py]: wrote ")
                .contains("more bytes after its answer to batch 1, before batch 2 (50 latents) was sent; each "
                        + "batch's reply must be exactly one .npy array").hasLineCount(1);
        assertThat(cli.out()).isEmpty();
        assertNoReport(out);
    }

    private static void assertNoReport(Path out) throws IOException {
        if (Files.exists(out)) {
            try (Stream<Path> files = Files.list(out)) {
                assertThat(files).isEmpty();
            }
        }
    }

    @Test
    void aTimeoutThatIsNotADurationIsRefusedWithItsLine() throws IOException {
        Path spec = Files.writeString(tmp.resolve("bad.yaml"), """
                name: bad
                samples: 100
                latent_dim: 2
                priors: [gaussian]
                generator: {type: process, command: [python3, x.py],
                            timeout: soon}
                checks: [latent-ks]
                """);

        Cli cli = Cli.run("run", spec.toString(), "--out", tmp.resolve("r").toString());

        assertThat(cli.status()).isEqualTo(2);
        assertThat(cli.err()).contains("bad.yaml:6: spec.generator.timeout is not a duration such as 60s").doesNotContain("bad.yaml:5");
    }

    static void assumePythonWithNumpy() {
        boolean available;
        try {
            Process p = new ProcessBuilder("python3", "-c", "import numpy").redirectErrorStream(true).start();
            available = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            available = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            available = false;
        }
        assumeTrue(available, "python3 with numpy is not on the PATH: the process generator is not tested");
    }
}
