package io.github.latentcheck.internal.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.internal.data.AtomicFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportFolderTest {
    @TempDir
    Path dir;

    private static List<String> listing(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** Publishes a folder holding {@code run} (the run's name) and {@code <name>-only}. */
    private static void publish(Path out, String name) throws IOException {
        ReportFolder.write(out, folder -> {
            AtomicFile.write(folder.resolve("run"), name.getBytes(StandardCharsets.UTF_8));
            AtomicFile.write(folder.resolve(name + "-only"), new byte[0]);
        });
    }

    @Test
    void aMissingFolderIsCreatedWithItsParentsAndTheMarker() throws IOException {
        Path out = dir.resolve("a").resolve("b").resolve("report");

        publish(out, "one");

        assertThat(listing(out)).containsExactly(ReportFolder.MARKER, "one-only", "run");
        assertThat(listing(out.getParent())).containsExactly("report");
    }

    @Test
    void anEmptyFolderIsReplaced() throws IOException {
        Path out = Files.createDirectory(dir.resolve("report"));

        publish(out, "one");

        assertThat(listing(out)).containsExactly(ReportFolder.MARKER, "one-only", "run");
    }

    @Test
    void aFolderThatIsNotAReportIsRefusedAndLeftAlone() throws IOException {
        Path out = Files.createDirectory(dir.resolve("src"));
        Files.writeString(out.resolve("summary.md"), "someone's notes");

        assertThatThrownBy(() -> publish(out, "one")).isInstanceOf(InvalidInputException.class)
                .hasMessage(out + ": is not a latentcheck report folder (no .latentcheck-report) and not empty; "
                        + "latentcheck replaces its output folder whole, so give a new or empty folder");
        assertThat(listing(out)).containsExactly("summary.md");
        assertThat(out.resolve("summary.md")).hasContent("someone's notes");
        assertThat(listing(dir)).containsExactly("src");
    }

    @Test
    void aFileIsRefused() throws IOException {
        Path out = Files.writeString(dir.resolve("report"), "a file");

        assertThatThrownBy(() -> ReportFolder.checkReplaceable(out)).isInstanceOf(InvalidInputException.class)
                .hasMessage(out + ": cannot be the output folder: " + out + " is not a folder");
    }

    /** Bad input found after files were written publishes nothing: the previous report stays as it was. */
    @Test
    void aFailureBeforePublishingLeavesThePreviousReportAndNothingElse() throws IOException {
        Path out = dir.resolve("report");
        publish(out, "old");

        assertThatThrownBy(() -> ReportFolder.write(out, folder -> {
            AtomicFile.write(folder.resolve("run"), "new".getBytes(StandardCharsets.UTF_8));
            AtomicFile.write(folder.resolve("run").resolve("below-a-file"), new byte[0]);
        })).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(out.resolve("run").resolve("below-a-file") + ": cannot write: ");

        assertThat(listing(out)).containsExactly(ReportFolder.MARKER, "old-only", "run");
        assertThat(out.resolve("run")).hasContent("old");
        assertThat(listing(dir)).as("no staging folder left").containsExactly("report");
    }

    @Test
    void parentFoldersCreatedForAnAbandonedReportAreRemoved() throws IOException {
        Path out = dir.resolve("a").resolve("b").resolve("report");

        try (ReportFolder report = ReportFolder.stage(out)) {
            assertThat(report.directory()).isDirectory().hasParent(out.getParent());
        }

        assertThat(listing(dir)).isEmpty();
    }

    @Test
    void aFolderIsPublishedOnce() throws IOException {
        try (ReportFolder report = ReportFolder.stage(dir.resolve("report"))) {
            report.publish();
            assertThatThrownBy(report::publish).isInstanceOf(IllegalStateException.class).hasMessageEndingWith("published");
        }
    }

    /**
     * Two publishers released together, again and again, over one folder: after every round the folder
     * holds exactly one of them, whole, and nothing is left beside it.
     */
    @Test
    void concurrentPublishersLeaveOneWholeReport() throws Exception {
        Path out = dir.resolve("report");
        int rounds = 50;
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < rounds; round++) {
                List<Future<?>> publishers = new ArrayList<>();
                for (String name : List.of("a", "b")) {
                    publishers.add(pool.submit(() -> {
                        start.await();
                        publish(out, name);
                        return null;
                    }));
                }
                for (Future<?> publisher : publishers) {
                    publisher.get();
                }
                String winner = Files.readString(out.resolve("run"));
                assertThat(listing(out)).as("round " + round).containsExactly(ReportFolder.MARKER, winner + "-only", "run");
                assertThat(listing(dir)).as("round " + round).containsExactly("report");
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
