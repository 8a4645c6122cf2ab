package io.github.latentcheck.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.latentcheck.run.Experiment;
import io.github.latentcheck.run.ExperimentResult;
import io.github.latentcheck.run.ExperimentRunner;
import io.github.latentcheck.spec.ExperimentSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Two runs of the same spec and seed, on different thread counts, give the same report files but
 * for the run's start time and duration, the only values that change from run to run.
 */
class ReportDeterminismTest {

    @Test
    void reportsDifferOnlyInTheirTimestamps() throws IOException {
        ExperimentSpec spec = ExperimentSpec.read(Path.of("experiments/gaussian-vs-uniform.yaml"));
        ExperimentResult first = ExperimentRunner.withDefaults().withThreads(1).run(Experiment.load(spec, 3, 1500));
        ExperimentResult second = ExperimentRunner.withDefaults().withThreads(2).run(Experiment.load(spec, 3, 1500));

        for (Reporter reporter : ReportWriter.withDefaults().reporters()) {
            assertThat(withoutTimestamps(render(reporter, second), second))
                    .as(reporter.fileName())
                    .isEqualTo(withoutTimestamps(render(reporter, first), first));
        }
    }

    private static String render(Reporter reporter, ExperimentResult result) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        reporter.write(result, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String withoutTimestamps(String text, ExperimentResult result) {
        return text.replace(Formats.timestamp(result.startedAt()), "STARTED")
                .replaceAll("<td>duration</td><td>[0-9.]+ s</td>", "<td>duration</td><td>D</td>")
                .replaceAll("time=\"[0-9.]+\"", "time=\"T\"");
    }
}
