package io.github.latentcheck.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.latentcheck.internal.report.ReportFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {
    private static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void theStandardReportersWriteTheFourFiles() {
        assertThat(ReportWriter.withDefaults().reporters()).extracting(Reporter::fileName)
                .containsExactly("results.json", "junit.xml", "summary.md", "index.html");
    }

    /** Without index.html, whose charts take seconds to draw; every file goes through the same move. */
    @Test
    void writesEveryFileAndNoTemporaryOnes(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("reports").resolve("quickstart");
        List<Path> written = ReportWriter.withDefaults()
                .withReporters(List.of(Reporter.resultsJson(), Reporter.junitXml(), Reporter.summaryMarkdown()))
                .write(out, Runs.quickstart());
        assertThat(written).containsExactly(out.resolve("results.json"), out.resolve("junit.xml"),
                out.resolve("summary.md"), out.resolve("latent-ks-gaussian-tests.csv"),
                out.resolve("moments-gaussian-tests.csv"), out.resolve("marginal-ks-gaussian-tests.csv"));
        assertThat(listing(out)).containsExactly(ReportFolder.MARKER, "junit.xml", "latent-ks-gaussian-tests.csv",
                "marginal-ks-gaussian-tests.csv", "moments-gaussian-tests.csv", "results.json", "summary.md");
        assertThat(listing(out.getParent())).as("no staging folder left beside it").containsExactly("quickstart");
        assertThat(Files.readString(out.resolve("latent-ks-gaussian-tests.csv")))
                .startsWith("name,statistic,pValue,adjustedPValue,method\nz0,");
        assertThat(Files.readAllBytes(out.resolve("results.json")))
                .isEqualTo(Runs.render(Reporter.resultsJson(), Runs.quickstart()));
    }

    /** Files of an earlier run that this one does not write (another prior's, saved samples) do not stay. */
    @Test
    void replacesAnEarlierReportWhole(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("report");
        ReportWriter.withDefaults().withReporters(List.of(Reporter.resultsJson(), Reporter.junitXml())).write(out, Runs.quickstart());
        Files.writeString(out.resolve("memorization-other.csv"), "left from an earlier run");
        Files.createDirectory(out.resolve("summary.md"));

        ReportWriter.withDefaults().withReporters(List.of(Reporter.summaryMarkdown())).write(out, Runs.quickstart());

        assertThat(Files.readString(out.resolve("summary.md"))).startsWith("## latentcheck: quickstart");
        assertThat(listing(out)).containsExactly(ReportFolder.MARKER, "latent-ks-gaussian-tests.csv",
                "marginal-ks-gaussian-tests.csv", "moments-gaussian-tests.csv", "summary.md");
        assertThat(listing(dir)).containsExactly("report");
    }

    /** A report from before the marker existed is recognised by its results.json, and replaced. */
    @Test
    void replacesAReportWrittenBeforeTheMarker(@TempDir Path dir) throws IOException {
        Path out = Files.createDirectory(dir.resolve("report"));
        Files.write(out.resolve("results.json"), Runs.render(Reporter.resultsJson(), Runs.quickstart()));
        Files.writeString(out.resolve("junit.xml"), "old");

        ReportWriter.withDefaults().withReporters(List.of(Reporter.summaryMarkdown())).write(out, Runs.quickstart());

        assertThat(listing(out)).contains(ReportFolder.MARKER, "summary.md").doesNotContain("results.json", "junit.xml");
    }
}
