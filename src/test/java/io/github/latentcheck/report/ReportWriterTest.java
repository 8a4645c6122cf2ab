package io.github.latentcheck.report;

import static org.assertj.core.api.Assertions.assertThat;

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
        assertThat(ReportWriter.standard()).extracting(Reporter::fileName)
                .containsExactly("results.json", "junit.xml", "summary.md", "index.html");
    }

    /** Without index.html, whose charts take seconds to draw; every file goes through the same move. */
    @Test
    void writesEveryFileAndNoTemporaryOnes(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("reports").resolve("quickstart");
        List<Path> written = ReportWriter.write(out, Runs.quickstart(),
                List.of(new JsonResultsReporter(), new JunitXmlReporter(), new MarkdownSummaryReporter()));
        assertThat(written).containsExactly(out.resolve("results.json"), out.resolve("junit.xml"),
                out.resolve("summary.md"));
        assertThat(listing(out)).containsExactly("junit.xml", "results.json", "summary.md");
        assertThat(Files.readAllBytes(out.resolve("results.json")))
                .isEqualTo(Runs.render(new JsonResultsReporter(), Runs.quickstart()));
    }

    @Test
    void overwritesAnEarlierReportInPlace(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("summary.md"), "old");
        ReportWriter.write(dir, Runs.quickstart(), List.of(new MarkdownSummaryReporter()));
        assertThat(Files.readString(dir.resolve("summary.md"))).startsWith("## latentcheck: quickstart");
        assertThat(listing(dir)).containsExactly("summary.md");
    }
}
