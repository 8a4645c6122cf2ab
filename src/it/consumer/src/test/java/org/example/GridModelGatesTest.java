package org.example;

import static io.github.latentcheck.assertj.LatentAssertions.assertThat;

import io.github.latentcheck.junit.LatentExperiment;
import io.github.latentcheck.junit.LatentGates;
import io.github.latentcheck.run.ExperimentResult;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The spec's gates as JUnit tests, with a report but no HTML page. */
@LatentExperiment(value = "specs/grid-model.yaml", report = LatentExperiment.Report.WITHOUT_HTML)
class GridModelGatesTest {

    @TestFactory
    Stream<DynamicNode> gates(ExperimentResult result) {
        return LatentGates.dynamicTests(result);
    }

    @Test
    void theReportHasNoHtmlPage(ExperimentResult result) {
        Path report = Path.of("target", "latentcheck", "grid-model");

        assertThat(result.gates()).hasSize(3);
        assertThat(report.resolve("results.json")).isRegularFile();
        assertThat(report.resolve("summary.md")).isRegularFile();
        assertThat(report.resolve("index.html")).doesNotExist();
    }
}
