package io.github.latentcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a run says about itself: never PASSED when nothing was judged, and the same state everywhere. */
class VerdictTest {
    @TempDir
    Path dir;

    @Test
    void aRunWithoutGatesIsNotGatedAndExitsFour() throws IOException {
        Path spec = Files.writeString(dir.resolve("ungated.yaml"), "name: ungated\nseed: 1\nsamples: 200\n"
                + "latent_dim: 2\npriors: [gaussian]\ngenerator: {type: identity}\nchecks: [latent-ks]\n");
        Path out = dir.resolve("report");
        Cli cli = Cli.run("run", spec.toString(), "--out", out.toString());

        assertThat(cli.status()).as(cli.err()).isEqualTo(LatentcheckCommand.NOT_GATED).isEqualTo(4);
        assertThat(cli.out()).contains("ungated: NOT GATED: no gates, nothing was judged").doesNotContain("PASSED");
        JsonNode results = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        assertThat(results.get("passed").asBoolean()).isFalse();
        assertThat(results.get("verdict").asText()).isEqualTo("not gated");
        assertThat(Files.readString(out.resolve("index.html"))).contains("NOT GATED").doesNotContain("PASSED");
        assertThat(Files.readString(out.resolve("summary.md"))).contains("NOT GATED").doesNotContain("PASSED");
        assertThat(Files.readString(out.resolve("junit.xml"))).contains("tests=\"0\"");
    }

    @Test
    void anUnderpoweredCheckShowsThatStateWhereverItIsReported() throws IOException {
        Path out = dir.resolve("underpowered");
        Cli cli = Cli.run("run", "experiments/underpowered.yaml", "--out", out.toString());

        assertThat(cli.status()).as(cli.err()).isEqualTo(1);
        JsonNode check = new ObjectMapper().readTree(out.resolve("results.json").toFile()).get("runs").get(0)
                .get("checks").get(0);
        assertThat(check.get("state").asText()).isEqualTo("underpowered");
        assertThat(check.get("underpowered").asText()).startsWith("underpowered: ");
        String html = Files.readString(out.resolve("index.html"));
        assertThat(html).contains("⚠ underpowered").doesNotContain("no rejection").contains("2 underpowered");
        String junit = Files.readString(out.resolve("junit.xml"));
        assertThat(junit).contains("type=\"Underpowered\" message=\"underpowered: ");
    }
}
