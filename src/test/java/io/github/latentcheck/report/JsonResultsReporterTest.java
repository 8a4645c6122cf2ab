package io.github.latentcheck.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.latentcheck.run.ExperimentResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonResultsReporterTest {
    private static JsonNode json(ExperimentResult result) throws IOException {
        return new ObjectMapper().readTree(Runs.render(Reporter.resultsJson(), result));
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void hasTheDesignFieldNames() throws IOException {
        JsonNode root = json(Runs.quickstart());
        assertThat(names(root)).contains("experiment", "seed", "passed", "runs", "gates");
        assertThat(root.get("experiment").asText()).isEqualTo("quickstart");
        assertThat(root.get("seed").isIntegralNumber()).isTrue();
        assertThat(root.get("seed").asLong()).isEqualTo(42);
        assertThat(root.get("passed").isBoolean()).isTrue();
        assertThat(root.get("runs")).hasSize(1);
        JsonNode run = root.get("runs").get(0);
        assertThat(run.get("prior").asText()).isEqualTo("gaussian");
        assertThat(run.get("checks")).hasSize(3);
        for (JsonNode check : run.get("checks")) {
            assertThat(names(check)).contains("check", "passed", "metrics", "tests");
            assertThat(check.get("metrics").isObject()).isTrue();
            assertThat(check.get("tests")).isNotEmpty();
            for (JsonNode test : check.get("tests")) {
                assertThat(names(test)).contains("name", "statistic", "pValue", "logPValue", "adjustedPValue", "method");
                assertThat(test.get("pValue").isNumber()).isTrue();
                // log p is computed directly by the KS tests, so it equals Math.log(p) to rounding
                assertThat(test.get("logPValue").asDouble()).isCloseTo(Math.log(test.get("pValue").asDouble()), within(1e-12));
                assertThat(test.get("adjustedPValue").asDouble()).isGreaterThanOrEqualTo(test.get("pValue").asDouble());
                assertThat(test.get("method").asText()).isIn("exact", "asymptotic", "permutation");
            }
        }
        assertThat(run.get("checks")).extracting(c -> c.get("check").asText())
                .containsExactly("latent-ks", "moments", "marginal-ks");
        assertThat(root.get("gates")).hasSize(4);
        for (JsonNode gate : root.get("gates")) {
            assertThat(names(gate)).contains("expression", "prior", "value", "passed");
            assertThat(gate.get("prior").asText()).isEqualTo("gaussian");
        }
        assertThat(root.get("gates").get(0).get("expression").asText()).isEqualTo("latent-ks.rejected == 0");
        assertThat(root.get("gates").get(0).get("value").isIntegralNumber()).isTrue();
    }

    @Test
    void reportsTheFailingGate() throws IOException {
        JsonNode root = json(Runs.broken());
        assertThat(root.get("passed").asBoolean()).isFalse();
        JsonNode marginal = root.get("gates").get(1);
        assertThat(marginal.get("expression").asText()).isEqualTo("marginal-ks.rejected == 0");
        assertThat(marginal.get("passed").asBoolean()).isFalse();
        assertThat(marginal.get("value").asLong()).isPositive();
    }

    @Test
    void sameRunGivesIdenticalBytes() throws IOException {
        assertThat(Runs.render(Reporter.resultsJson(), Runs.quickstart()))
                .isEqualTo(Runs.render(Reporter.resultsJson(), Runs.quickstart()));
    }
}
