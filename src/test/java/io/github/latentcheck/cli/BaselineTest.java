package io.github.latentcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Gates relative to an earlier run: CI fails on a regression against the last accepted model. */
class BaselineTest {
    @TempDir
    Path tmp;

    private Path baseline;

    @BeforeEach
    void acceptTheQuickstartRun() {
        Path out = tmp.resolve("accepted");
        Cli cli = Cli.run("run", "experiments/quickstart.yaml", "--out", out.toString());
        assertThat(cli.status()).as(cli.err()).isZero();
        baseline = out.resolve("results.json");
    }

    private Path spec(String generator, String... gates) throws IOException {
        String training = Path.of("fixtures/data/ring8_train.npy").toAbsolutePath().toString();
        StringBuilder yaml = new StringBuilder("name: candidate\nseed: 42\nsamples: 10000\nlatent_dim: 3\n"
                + "priors: [gaussian]\ngenerator: " + generator + "\ndata: {training: '" + training + "'}\n"
                + "checks:\n  - {type: latent-ks, alpha: 0.01}\n  - {type: marginal-ks, alpha: 0.001}\ngates:\n");
        for (String gate : gates) {
            yaml.append("  - '").append(gate).append("'\n");
        }
        Path file = tmp.resolve("candidate.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    @Test
    void theBrokenGeneratorFailsTheRelativeGatesAgainstTheQuickstartBaseline() throws IOException {
        Path spec = spec("{type: mode-dropper, layout: ring, drop: [1, 5]}",
                "latent-ks.rejected <= baseline", "marginal-ks.maxStatistic <= baseline + 0.005");
        Path out = tmp.resolve("candidate");

        Cli cli = Cli.run("run", spec.toString(), "--baseline", baseline.toString(), "--out", out.toString());

        assertThat(cli.status()).as(cli.err()).isEqualTo(1);
        JsonNode gates = new ObjectMapper().readTree(out.resolve("results.json").toFile()).path("gates");
        JsonNode latent = gates.get(0);
        JsonNode marginal = gates.get(1);
        assertThat(latent.path("passed").asBoolean()).isTrue();
        assertThat(marginal.path("passed").asBoolean()).isFalse();
        double accepted = new ObjectMapper().readTree(baseline.toFile()).path("runs").get(0).path("checks").get(2)
                .path("metrics").path("maxStatistic").asDouble();
        assertThat(marginal.path("baseline").asDouble()).isEqualTo(accepted);
        assertThat(marginal.path("bound").asDouble()).isEqualTo(accepted + 0.005);
        assertThat(marginal.path("value").asDouble()).isGreaterThan(accepted + 0.005);
        assertThat(Files.readString(out.resolve("summary.md"))).contains("(baseline ");
        assertThat(Files.readString(out.resolve("junit.xml"))).contains("(baseline ");
    }

    @Test
    void theSameGeneratorPassesItsOwnBaseline() throws IOException {
        Path spec = spec("{type: ring}", "marginal-ks.maxStatistic <= baseline + 0.005");

        Cli cli = Cli.run("run", spec.toString(), "--baseline", baseline.toString(), "--out",
                tmp.resolve("same").toString());

        assertThat(cli.status()).as(cli.err()).isZero();
    }

    @Test
    void aRelativeGateWithoutABaselineIsBadInput() throws IOException {
        Path spec = spec("{type: ring}", "marginal-ks.maxStatistic <= baseline");

        Cli cli = Cli.run("run", spec.toString(), "--out", tmp.resolve("none").toString());

        assertThat(cli.status()).isEqualTo(2);
        assertThat(cli.err()).contains("candidate.yaml:12: gate 'marginal-ks.maxStatistic <= baseline' is relative "
                + "to a baseline: give one with --baseline OLD/results.json");
        assertThat(tmp.resolve("none")).doesNotExist();
    }

    @Test
    void aBaselineWithoutTheMetricIsBadInput() throws IOException {
        Path spec = spec("{type: ring}", "marginal-ks.tiedColumns <= baseline");
        Path other = tmp.resolve("other.json");
        Files.writeString(other, "{\"runs\": [{\"prior\": \"uniform\", \"checks\": []}]}");

        Cli cli = Cli.run("run", spec.toString(), "--baseline", other.toString(), "--out", tmp.resolve("x").toString());

        assertThat(cli.status()).isEqualTo(2);
        assertThat(cli.err()).contains("other.json: the baseline has no metric marginal-ks.tiedColumns for the prior "
                + "'gaussian'");
    }

    @Test
    void aBaselineThatIsNotAResultsFileIsBadInput() throws IOException {
        Path spec = spec("{type: ring}", "marginal-ks.tiedColumns <= baseline");
        Path garbage = tmp.resolve("garbage.json");
        Files.writeString(garbage, "not json at all");

        Cli cli = Cli.run("run", spec.toString(), "--baseline", garbage.toString());

        assertThat(cli.status()).isEqualTo(2);
        assertThat(cli.err()).startsWith("latentcheck: " + garbage + ": not a latentcheck results.json");
        assertThat(cli.err().lines()).hasSize(1);
    }
}
