package io.github.latentcheck.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.latentcheck.run.Experiment;
import io.github.latentcheck.run.ExperimentResult;
import io.github.latentcheck.run.ExperimentRunner;
import io.github.latentcheck.spec.ExperimentSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The committed examples are what a fresh run writes: for two fast experiments, results.json and
 * summary.md of a run with the spec's own seed and samples equal the files in
 * {@code reports/examples/} byte for byte (the same seed gives the same bytes on any machine and
 * thread count). When this fails, run {@code reports/examples/regenerate.sh} and commit.
 */
class ReportExamplesInStepTest {
    @ParameterizedTest
    @ValueSource(strings = {"quickstart", "gaussian-vs-uniform"})
    void resultsAndSummaryMatchAFreshRun(String name) throws Exception {
        ExperimentSpec spec = ExperimentSpec.read(Path.of("experiments", name + ".yaml"));
        ExperimentResult result = ExperimentRunner.withDefaults().withThreads(2).run(Experiment.load(spec));
        Path example = Path.of("reports", "examples", name);
        for (Reporter reporter : new Reporter[] {Reporter.resultsJson(), Reporter.summaryMarkdown()}) {
            assertThat(new String(Runs.render(reporter, result), StandardCharsets.UTF_8))
                    .as("%s/%s; run reports/examples/regenerate.sh", example, reporter.fileName())
                    .isEqualTo(Files.readString(example.resolve(reporter.fileName())));
        }
    }
}
