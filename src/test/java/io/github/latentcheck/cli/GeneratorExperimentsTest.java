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

    @Test
    void aHangingProcessIsExitTwoWithItsStderrNoReportAndNoProcessLeft() throws IOException {
        assumePythonWithNumpy();
        Path dir = Files.createDirectory(tmp.resolve("spec"));
        Files.writeString(dir.resolve("hang.py"), """
                import os, sys, time
                open('pid', 'w').write(str(os.getpid()))
                print('warming up the GPU', file=sys.stderr, flush=True)
                time.sleep(120)
                """);
        Path spec = Files.writeString(dir.resolve("hang.yaml"), """
                name: hang
                samples: 100
                latent_dim: 2
                priors: [gaussian]
                generator: {type: process, command: [python3, hang.py], timeout: 1s}
                checks: [latent-ks]
                """);
        Path out = tmp.resolve("report");

        Cli cli = Cli.run("run", spec.toString(), "--out", out.toString());

        assertThat(cli.status()).isEqualTo(2);
        assertThat(cli.err()).startsWith("latentcheck: generator process [python3, hang.py]: did not answer")
                .contains("within 1 s").contains("stderr: warming up the GPU").hasLineCount(1);
        if (Files.exists(out)) {
            try (Stream<Path> files = Files.list(out)) {
                assertThat(files).isEmpty();
            }
        }
        long pid = Long.parseLong(Files.readString(dir.resolve("pid")).strip());
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).isNotEqualTo(java.util.Optional.of(true));
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
