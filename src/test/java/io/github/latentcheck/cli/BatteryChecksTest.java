package io.github.latentcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The battery's checks in a spec: they run, report their metrics, gate, and refuse priors they cannot test. */
class BatteryChecksTest {
    private static final Path TRAINING = Path.of("fixtures/data/ring8_train.npy").toAbsolutePath();

    private static Path spec(Path dir, String priors, String checks, String gates) throws IOException {
        String text = String.join("\n",
                "name: battery",
                "seed: 7",
                "samples: 1500",
                "latent_dim: 3",
                "priors: " + priors,
                "generator: {type: ring}",
                "data: {training: " + TRAINING + "}",
                "checks:",
                checks,
                "gates:",
                gates,
                "");
        return Files.writeString(dir.resolve("spec.yaml"), text, StandardCharsets.UTF_8);
    }

    @Test
    void everyNewCheckRunsUnderGaussianAndUniformPriors(@TempDir Path dir) throws IOException {
        Path spec = spec(dir, "[gaussian, {type: uniform, label: uniform}]", String.join("\n",
                "  - {type: latent-ad, alpha: 0.001}",
                "  - {type: latent-cvm, alpha: 0.001, correction: hochberg}",
                "  - {type: marginal-ad, alpha: 0.001, permutations: 199}",
                "  - {type: marginal-cvm, alpha: 0.001, correction: bh}",
                "  - {type: latent-norm, alpha: 0.001}",
                "  - {type: latent-independence, alpha: 0.001, correction: by}",
                "  - {type: mmd, alpha: 0.001, permutations: 99, max_rows: 200}",
                "  - {type: energy, alpha: 0.001, permutations: 99, max_rows: 200}"), String.join("\n",
                "  - latent-ad.rejected == 0",
                "  - latent-cvm.rejected == 0",
                "  - latent-norm.rejected == 0",
                "  - latent-independence.maxAbsCorrelation < 0.2",
                "  - mmd.rows == 200",
                "  - energy.statistic >= 0"));
        Cli cli = Cli.run("run", spec.toString(), "--out", dir.resolve("out").toString(), "--json");
        assertThat(cli.err()).isEmpty();
        assertThat(cli.status()).isZero();
        JsonNode results = new ObjectMapper().readTree(cli.out());
        List<String> seen = new ArrayList<>();
        for (JsonNode run : results.get("runs")) {
            for (JsonNode check : run.get("checks")) {
                seen.add(run.get("prior").asText() + "/" + check.get("check").asText());
                assertThat(check.get("metrics").get("tests").asInt()).isPositive();
                for (JsonNode t : check.get("tests")) {
                    assertThat(t.get("pValue").asDouble()).isBetween(0.0, 1.0);
                }
            }
        }
        assertThat(seen).hasSize(16).contains("uniform/latent-norm", "gaussian/marginal-ad", "uniform/energy");
        JsonNode marginalAd = results.get("runs").get(0).get("checks").get(2);
        assertThat(marginalAd.get("tests").get(0).get("method").asText()).isEqualTo("permutation");
    }

    @Test
    void mardiaRunsUnderTheGaussianPriorAndRefusesOthersAtLoadTime(@TempDir Path dir) throws IOException {
        Path ok = spec(dir, "[gaussian]", "  - {type: mardia, alpha: 0.001, max_rows: 800}",
                "  - mardia.rejected == 0");
        Cli cli = Cli.run("run", ok.toString(), "--out", dir.resolve("out").toString(), "--json");
        assertThat(cli.status()).isZero();
        assertThat(cli.out()).contains("\"skewness\"", "\"kurtosis\"");

        Path bad = spec(dir, "[gaussian, {type: uniform, label: u}]", "  - mardia", "  - mardia.rejected == 0");
        Cli refused = Cli.run("run", bad.toString(), "--out", dir.resolve("out2").toString());
        assertThat(refused.status()).isEqualTo(2);
        assertThat(refused.err().strip()).isEqualTo("latentcheck: " + bad + ":9: check 'mardia' cannot test prior 'u': mardia tests "
                + "multivariate normality and needs a gaussian prior, not uniform");
        assertThat(Files.exists(dir.resolve("out2"))).isFalse();
    }

    @Test
    void henzeZirklerRunsUnderTheGaussianPriorAndRefusesOthersAtLoadTime(@TempDir Path dir) throws IOException {
        Path ok = spec(dir, "[gaussian]", "  - {type: henze-zirkler, alpha: 0.001, max_rows: 1000}",
                "  - henze-zirkler.rejected == 0");
        Cli cli = Cli.run("run", ok.toString(), "--out", dir.resolve("out").toString(), "--json");
        assertThat(cli.err()).isEmpty();
        assertThat(cli.status()).isZero();
        JsonNode check = new ObjectMapper().readTree(cli.out()).get("runs").get(0).get("checks").get(0);
        assertThat(check.get("tests").get(0).get("name").asText()).isEqualTo("henze-zirkler");
        assertThat(check.get("metrics").get("statistic").asDouble()).isPositive();

        Path bad = spec(dir, "[gaussian, {type: uniform, label: u}]", "  - henze-zirkler",
                "  - henze-zirkler.rejected == 0");
        Cli refused = Cli.run("run", bad.toString(), "--out", dir.resolve("out2").toString());
        assertThat(refused.status()).isEqualTo(2);
        assertThat(refused.err().strip()).isEqualTo("latentcheck: " + bad + ":9: check 'henze-zirkler' cannot test prior "
                + "'u': henze-zirkler tests multivariate normality and needs a gaussian prior, not uniform");
    }
}
