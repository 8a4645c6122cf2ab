package io.github.latentcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code plan --results}: an earlier run's interval widths, predicted at another sample size by the 1/sqrt(n) rule. */
class PlanIntervalsTest {
    @TempDir
    Path tmp;

    private Path spec() throws IOException {
        Path data = Path.of("fixtures/data").toAbsolutePath();
        return Files.writeString(tmp.resolve("fd.yaml"), """
                name: fd
                samples: 100
                priors: [{type: gaussian, dim: 2}]
                generator: {type: file, path: %s}
                data: {training: %s}
                checks: [frechet, precision-recall]
                """.formatted(data.resolve("ring8_holdout.npy"), data.resolve("ring8_train.npy")));
    }

    @Test
    void widthsFallAsOneOverRootN() throws IOException {
        Path results = Files.writeString(tmp.resolve("results.json"), """
                {"experiment": "fd", "samples": 100, "runs": [{"prior": "gaussian", "checks": [
                  {"check": "frechet", "metrics": {"fd": 2, "fdLower": 1, "fdUpper": 3}},
                  {"check": "precision-recall", "metrics": {"precisionLower": 0.5, "precisionUpper": 0.7}}]}]}
                """);
        Cli cli = Cli.run("plan", spec().toString(), "--results", results.toString(), "--samples", "400", "--json");
        assertThat(cli.status()).as(cli.err()).isZero();
        JsonNode intervals = new ObjectMapper().readTree(cli.out()).get("intervals");
        assertThat(intervals).hasSize(3);
        assertThat(intervals.get(0).get("metric").asText()).isEqualTo("fd");
        assertThat(intervals.get(0).get("width0").asDouble()).isEqualTo(2.0);
        assertThat(intervals.get(0).get("width").asDouble()).isEqualTo(1.0);
        assertThat(intervals.get(0).get("samplesToHalve").asLong()).isEqualTo(400);
        assertThat(intervals.get(1).get("width").asDouble()).isCloseTo(0.1, within(1e-12));
        assertThat(intervals.get(2).get("metric").asText()).isEqualTo("recall");
        assertThat(intervals.get(2).has("width")).as("no recall interval in the results").isFalse();
    }

    @Test
    void withoutResultsTheRuleIsStatedAndResultsNeedASpec() throws IOException {
        Cli cli = Cli.run("plan", spec().toString());
        assertThat(cli.status()).as(cli.err()).isZero();
        assertThat(cli.out()).contains("Intervals: their width falls as 1/sqrt(n), so 4x the samples halve it")
                .contains("precision-recall").contains("4 n");
        Cli bad = Cli.run("plan", "--test", "ks", "--effect", "0.1", "--results", "r.json");
        assertThat(bad.status()).isEqualTo(2);
        assertThat(bad.err()).contains("--results is taken with SPEC.yaml only");
    }
}
