package io.github.latentcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.latentcheck.internal.report.ReportFolder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A report folder holds exactly one run, whatever happens to the runs that write it: killed while
 * writing, two at once, one after another with other files, or failing after some files were written.
 * A run in a separate JVM is held at a known point, after its whole report is staged and before it
 * is published ({@link ReportFolder#PAUSE_PROPERTY}), so nothing here depends on how fast the
 * machine is; the timeout only stops a hung test.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class ReportPublishingTest {
    private static final List<String> REPORT_FILES = List.of(ReportFolder.MARKER, "index.html", "junit.xml",
            "results.json", "summary.md");
    private static final List<String> CHECKS = List.of("latent-ks", "moments", "marginal-ks");

    @TempDir
    Path tmp;
    Path out;
    Path pause;
    private final List<Process> started = new ArrayList<>();

    @BeforeEach
    void folders() throws IOException {
        out = Files.createDirectory(tmp.resolve("reports")).resolve("report");
        pause = Files.createDirectory(tmp.resolve("signals")).resolve("paused");
    }

    /** A run left paused by a failed assertion would wait for ever. */
    @AfterEach
    void stopRunsLeftPaused() throws InterruptedException {
        for (Process process : started) {
            process.destroyForcibly().waitFor();
        }
    }

    @ParameterizedTest(name = "SIG{0}")
    @ValueSource(strings = {"KILL", "INT", "TERM"})
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void aRunKilledWhileItWritesLeavesThePreviousReportWhole(String signal) throws Exception {
        assumeFalse(signal.equals("INT") && sigintIgnored(), "SIGINT is ignored here (started in the background "
                + "without job control), so the run would ignore it too");
        Cli first = Cli.run("run", "experiments/quickstart.yaml", "--out", out.toString(), "--samples", "500");
        assertWroteAReport(first);
        Map<String, String> previous = contents(out);

        Process second = startPaused("run", "experiments/gaussian-vs-uniform.yaml", "--out", out.toString(),
                "--samples", "500", "--seed", "7");
        Path staged = awaitPause(second);
        assertThat(listing(staged)).as("the new report, whole, waiting to be published").contains("results.json",
                "junit.xml", "latent-ks-uniform-tests.csv");
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(second.pid())).inheritIO().start();
        assertThat(kill.waitFor()).isZero();
        second.waitFor();

        assertThat(contents(out)).isEqualTo(previous);
        if (!signal.equals("KILL")) {
            assertThat(listing(out.getParent())).as("the interrupted run's staging folder is gone")
                    .containsExactly("report");
        } else {
            assertThat(listing(out.getParent())).as("a killed run cannot clean up: its hidden staging folder stays")
                    .containsExactly(staged.getFileName().toString(), "report");
        }
    }

    @Test
    void twoRunsIntoOneFolderLeaveTheLastPublisherWhole() throws Exception {
        Process first = startPaused("run", "experiments/gaussian-vs-uniform.yaml", "--out", out.toString(),
                "--samples", "500", "--seed", "7");
        awaitPause(first);

        Cli second = Cli.run("run", "experiments/quickstart.yaml", "--out", out.toString(), "--samples", "500",
                "--seed", "3");
        assertWroteAReport(second);
        assertOneRun("quickstart", 3, "gaussian");

        Files.delete(pause);
        assertThat(first.waitFor()).as(Files.readString(tmp.resolve("stderr.txt")))
                .isIn(LatentcheckCommand.PASSED, LatentcheckCommand.GATE_FAILED);
        assertOneRun("gaussian-vs-uniform", 7, "gaussian", "uniform");
        assertThat(listing(out.getParent())).containsExactly("report");
    }

    @Test
    void filesOfAnEarlierRunDoNotStay() throws IOException {
        Cli first = Cli.run("run", "experiments/gaussian-vs-uniform.yaml", "--out", out.toString(), "--samples", "500",
                "--save-samples");
        assertWroteAReport(first);
        assertThat(listing(out)).contains("latents-uniform.npy", "samples-gaussian.npy", "moments-uniform-tests.csv");

        Cli second = Cli.run("run", "experiments/quickstart.yaml", "--out", out.toString(), "--samples", "500",
                "--seed", "3");

        assertWroteAReport(second);
        assertOneRun("quickstart", 3, "gaussian");
    }

    /** A directory where a report file goes was part of the previous report, and goes with it. */
    @Test
    void aDirectoryWhereAReportFileGoesIsReplacedWithThePreviousReport() throws IOException {
        Cli first = Cli.run("run", "experiments/quickstart.yaml", "--out", out.toString(), "--samples", "500");
        assertWroteAReport(first);
        Files.delete(out.resolve("summary.md"));
        Files.createDirectories(out.resolve("summary.md").resolve("inside"));
        Files.createDirectory(out.resolve("latents-gaussian.npy"));

        Cli second = Cli.run("run", "experiments/quickstart.yaml", "--out", out.toString(), "--samples", "500",
                "--seed", "3", "--save-samples");

        assertWroteAReport(second);
        assertThat(out.resolve("summary.md")).isRegularFile();
        assertThat(out.resolve("latents-gaussian.npy")).isRegularFile();
    }

    /**
     * A file that cannot be written, after results.json and others were: exit 2, one line naming the
     * file where it would have been, and the previous report as it was.
     */
    @Test
    void aRunThatFailsAfterWritingFilesPublishesNothing() throws IOException {
        Cli first = Cli.run("run", "experiments/quickstart.yaml", "--out", out.toString(), "--samples", "500");
        assertWroteAReport(first);
        Map<String, String> previous = contents(out);
        String label = "x".repeat(250);
        Path spec = Files.writeString(tmp.resolve("signals").resolve("long-label.yaml"), """
                name: long-label
                samples: 200
                latent_dim: 2
                priors: [{type: gaussian, label: LABEL}]
                generator: {type: identity}
                checks: [latent-ks]
                """.replace("LABEL", label));

        Cli cli = Cli.run("run", spec.toString(), "--out", out.toString());

        assertThat(cli.status()).as(cli.err()).isEqualTo(2);
        assertThat(cli.err().stripTrailing()).doesNotContain("\n")
                .startsWith("latentcheck: " + out.resolve("latent-ks-" + label + "-tests.csv") + ": cannot write: ");
        assertThat(cli.out()).isEmpty();
        assertThat(contents(out)).isEqualTo(previous);
        assertThat(listing(out.getParent())).containsExactly("report");
    }

    @Test
    void auditAndCoverageReportsArePublishedWholeToo() throws IOException {
        Path data = Path.of("fixtures/data");
        Cli audit = Cli.run("audit", "--samples", data.resolve("ring8_holdout.npy").toString(), "--train",
                data.resolve("ring8_train.npy").toString(), "--out", out.toString());
        assertWroteAReport(audit);
        assertThat(listing(out)).contains(ReportFolder.MARKER, "audit.yaml", "results.json", "memorization-samples.csv");

        Cli coverage = Cli.run("coverage", "--samples", data.resolve("ring8_holdout.npy").toString(), "--modes", "ring8",
                "--out", out.toString());

        assertWroteAReport(coverage);
        assertThat(listing(out)).as("the same report as run and audit write, and the spec that reproduces it")
                .contains(ReportFolder.MARKER, "coverage.yaml", "results.json", "index.html", "junit.xml", "summary.md")
                .doesNotContain("audit.yaml", "memorization-samples.csv");
        assertThat(listing(out.getParent())).containsExactly("report");
    }

    /** A command that passed or failed its criteria (with few samples, quickstart's marginal gate may fail) wrote its report. */
    private static void assertWroteAReport(Cli cli) {
        assertThat(cli.status()).as(cli.err()).isIn(LatentcheckCommand.PASSED, LatentcheckCommand.GATE_FAILED);
    }

    /** Asserts that the report folder holds exactly the files of one run, and that they agree on it. */
    private void assertOneRun(String experiment, long seed, String... priors) throws IOException {
        List<String> expected = new ArrayList<>(REPORT_FILES);
        for (String prior : priors) {
            for (String check : CHECKS) {
                expected.add(check + "-" + prior + "-tests.csv");
            }
        }
        assertThat(listing(out)).containsExactlyInAnyOrderElementsOf(expected);
        JsonNode results = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        assertThat(results.get("experiment").asText()).isEqualTo(experiment);
        assertThat(results.get("seed").asLong()).isEqualTo(seed);
        assertThat(out.resolve("junit.xml")).content().contains("<property name=\"seed\" value=\"" + seed + "\"");
        assertThat(out.resolve("summary.md")).content().contains(experiment);
    }

    /** Starts the command line in a new JVM that stops before publishing its report. */
    private Process startPaused(String... args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Djava.awt.headless=true",
                "-D" + ReportFolder.PAUSE_PROPERTY + "=" + pause, "--add-modules", "jdk.incubator.vector",
                "-cp", Cli.runtimeClassPath(), LatentcheckCommand.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectOutput(tmp.resolve("stdout.txt").toFile())
                .redirectError(tmp.resolve("stderr.txt").toFile()).start();
        started.add(process);
        return process;
    }

    /** Waits until the process has staged its whole report; returns the staging folder. */
    private Path awaitPause(Process process) throws IOException, InterruptedException {
        while (!Files.exists(pause)) {
            if (!process.isAlive()) {
                fail("the run ended (status " + process.exitValue() + ") without pausing before it published: "
                        + Files.readString(tmp.resolve("stderr.txt")));
            }
            Thread.sleep(20);
        }
        return Path.of(Files.readString(pause, StandardCharsets.UTF_8));
    }

    /**
     * Whether this JVM ignores SIGINT, as a process started in the background by a shell without job
     * control does; its children then ignore it too (Linux: the {@code SigIgn} mask of /proc).
     */
    private static boolean sigintIgnored() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return false;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(line.substring("SigIgn:".length()).strip(), 16) & 0b10) != 0;
            }
        }
        return false;
    }

    private static List<String> listing(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** Every file in the folder with its content (bytes as ISO-8859-1 text, for readable failures). */
    private static Map<String, String> contents(Path folder) throws IOException {
        Map<String, String> files = new TreeMap<>();
        for (String name : listing(folder)) {
            files.put(name, Files.readString(folder.resolve(name), StandardCharsets.ISO_8859_1));
        }
        return files;
    }
}
