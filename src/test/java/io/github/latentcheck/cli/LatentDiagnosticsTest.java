package io.github.latentcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shipped experiments vae-diagnostics and dimension-sweep, the encoder and sweep keys of a spec,
 * and their bad input (exit 2, one line naming the file and line, no report).
 */
class LatentDiagnosticsTest {
    private static final Path MODELS = Path.of("fixtures/models").toAbsolutePath();
    private static final Path DATA = Path.of("fixtures/data").toAbsolutePath();

    @TempDir
    Path tmp;

    private static JsonNode results(Path out) throws IOException {
        return new ObjectMapper().readTree(out.resolve("results.json").toFile());
    }

    private static JsonNode check(JsonNode run, String id) {
        for (JsonNode c : run.get("checks")) {
            if (c.get("check").asText().equals(id)) {
                return c;
            }
        }
        throw new AssertionError("no check " + id);
    }

    /**
     * The encoder's inactive units are the coordinates its decoder ignores: both checks find the
     * same 4 of 16. results.json is byte-identical on 1 and 3 threads.
     */
    @Test
    void vaeDiagnosticsPassesAndTheEncoderAndDecoderAgreeOnTheUnitsInUse() throws IOException {
        Path one = tmp.resolve("one");
        Path three = tmp.resolve("three");
        Cli cli = Cli.run("run", "experiments/vae-diagnostics.yaml", "--out", one.toString(), "--threads", "1");
        Cli again = Cli.run("run", "experiments/vae-diagnostics.yaml", "--out", three.toString(), "--threads", "3");

        assertThat(cli.status()).as(cli.err()).isZero();
        assertThat(again.status()).as(again.err()).isZero();
        assertThat(Files.readAllBytes(one.resolve("results.json"))).isEqualTo(Files.readAllBytes(three.resolve("results.json")));
        JsonNode run = results(one).get("runs").get(0);
        assertThat(check(run, "active-units").get("metrics").get("count").asInt()).isEqualTo(4);
        assertThat(check(run, "latent-usage").get("metrics").get("ignored").asInt()).isEqualTo(12);
        List<String> active = column(one.resolve("active-units-gaussian.csv"), "active");
        List<String> ignored = column(one.resolve("latent-usage-gaussian.csv"), "ignored");
        for (int u = 0; u < 16; u++) {
            assertThat(active.get(u).equals("1")).as("unit %d", u).isEqualTo(ignored.get(u).equals("0"));
        }
        assertThat(check(run, "aggregate-posterior").get("metrics").get("rows").asInt()).isEqualTo(597);
        assertThat(Files.readString(one.resolve("index.html"))).contains("Decoded prior draws in the deepest holes");
    }

    private static List<String> column(Path csv, String name) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        int c = List.of(lines.get(0).split(",")).indexOf(name);
        List<String> values = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            values.add(line.split(",")[c]);
        }
        return values;
    }

    @Test
    void theDimensionSweepRunsOneModelPerDimensionIntoOneReport() throws IOException {
        Path out = tmp.resolve("sweep");
        Cli cli = Cli.run("run", "experiments/dimension-sweep.yaml", "--out", out.toString(), "--samples", "600");

        assertThat(cli.status()).as(cli.err()).isZero();
        JsonNode runs = results(out).get("runs");
        assertThat(runs).extracting(r -> r.get("prior").asText())
                .containsExactly("gaussian-d2", "gaussian-d4", "gaussian-d8", "gaussian-d16");
        assertThat(runs).extracting(r -> r.get("dimension").asInt()).containsExactly(2, 4, 8, 16);
        assertThat(runs).extracting(r -> r.get("sweepFamily").asText()).containsOnly("gaussian");
        assertThat(runs).extracting(r -> check(r, "active-units").get("metrics").get("count").asInt())
                .containsExactly(2, 4, 4, 4);
        String html = Files.readString(out.resolve("index.html"));
        assertThat(html).contains("<h2 id=\"sweep\">Latent dimension sweep</h2>")
                .contains("sweep: prdc.coverage against the latent dimension")
                .contains("sweep: latent-usage.effectiveDimension against the latent dimension");
        assertThat(html.split("<figcaption>sweep: ", -1)).hasSize(10);
    }

    private static final String BASE = """
            name: encoder-bad-input
            seed: 1
            samples: 200
            LATENT_DIM
            priors:
              - PRIOR
            generator:
              type: onnx
              model: MODELS/digits-vae-dDIM.onnx
            encoder:
              model: MODELS/digits-vae-dDIM-encoder.onnx
            data:
              training: DATA/digits_train.npy
              holdout: DATA/digits_holdout.npy
            checks:
              - type: active-units
            SWEEP_CHARTS
            gates: [active-units.count >= 1]
            """;

    private Path spec(String latentDim, String prior, String dim, String sweepCharts, String... replacements)
            throws IOException {
        String text = BASE.replace("LATENT_DIM", latentDim).replace("PRIOR", prior).replace("DIM", dim)
                .replace("MODELS", MODELS.toString()).replace("DATA", DATA.toString())
                .replace("SWEEP_CHARTS", sweepCharts);
        for (int i = 0; i < replacements.length; i += 2) {
            text = text.replace(replacements[i], replacements[i + 1]);
        }
        Path dir = Files.createDirectories(tmp.resolve("spec"));
        return Files.writeString(dir.resolve("spec.yaml"), text);
    }

    static Stream<Arguments> badSpecs() {
        return Stream.of(
                bad("the encoder file is missing", new String[] {"latent_dim: 2", "gaussian", "2", "",
                    "d2-encoder.onnx", "d3-encoder.onnx"}, "spec.yaml:11: spec.encoder: "
                        + MODELS.resolve("digits-vae-d3-encoder.onnx") + ": no such file"),
                bad("an output name is unknown", new String[] {"latent_dim: 2", "gaussian", "2", "",
                    "d2-encoder.onnx", "d2-encoder.onnx\n  outputs: [mu, sigma]"}, "spec.yaml:11: spec.encoder: ",
                        "has no output 'sigma'"),
                bad("output and outputs together", new String[] {"latent_dim: 2", "gaussian", "2", "",
                    "d2-encoder.onnx", "d2-encoder.onnx\n  output: mu\n  outputs: [mu, logvar]"},
                        "spec.yaml:12: spec.encoder gives both 'output'"),
                bad("an unknown encoder key", new String[] {"latent_dim: 2", "gaussian", "2", "",
                    "d2-encoder.onnx", "d2-encoder.onnx\n  modle: x.onnx"}, "spec.yaml:12: unknown key 'modle' in spec.encoder"),
                bad("the encoder's dimension is not the prior's", new String[] {"latent_dim: 2", "gaussian", "2",
                    "", "d2-encoder.onnx", "d4-encoder.onnx"}, "spec.yaml:11: encoder ",
                        "gives latents of dimension 4 but prior 'gaussian' is N(0, I_2)"),
                bad("an encoder check without an encoder", new String[] {"latent_dim: 2", "gaussian", "2", "",
                    "encoder:\n  model: " + MODELS + "/digits-vae-d2-encoder.onnx\n", ""}, "spec.yaml:14: check "
                        + "'active-units' needs the model's encoder, which the spec does not give"),
                bad("the rows do not fit the encoder", new String[] {"latent_dim: 2", "gaussian", "2", "",
                    "digits_holdout.npy", "ring8_holdout.npy"}, "spec.yaml:16: check "
                        + "'active-units': data.holdout has 2 columns but the encoder takes rows of 64"),
                bad("a bad threshold", new String[] {"latent_dim: 2", "gaussian", "2", "",
                    "- type: active-units", "- {type: active-units, threshold: -1}"}, "spec.yaml:16: check "
                        + "'active-units': threshold is not positive and finite: -1.0"),
                bad("a sweep with a prior's own dim", new String[] {"latent_dim: [2, 4]",
                    "{type: gaussian, dim: 2}", "{latent_dim}", ""}, "spec.yaml:6: priors[0].dim is set by the sweep"),
                bad("a sweep value twice", new String[] {"latent_dim: [2, 2]", "gaussian", "{latent_dim}", ""},
                        "spec.yaml:4: latent_dim is not a list of distinct positive whole numbers: 2 comes twice"),
                bad("a sweep model missing for one value", new String[] {"latent_dim: [2, 3]", "gaussian",
                    "{latent_dim}", ""}, "digits-vae-d3.onnx: no such file"),
                bad("sweep_charts naming an unknown metric", new String[] {"latent_dim: [2, 4]", "gaussian",
                    "{latent_dim}", "sweep_charts: [active-units.cuont]"}, "spec.yaml:17: sweep_charts names "
                        + "'active-units.cuont', which is not check.metric"),
                bad("sweep_charts without a sweep", new String[] {"latent_dim: 2", "gaussian", "2",
                    "sweep_charts: [active-units.count]"}, "spec.yaml:17: sweep_charts needs a sweep"));
    }

    private static Arguments bad(String name, String[] parts, String... fragments) {
        return Arguments.of(name, parts, fragments);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSpecs")
    void badEncoderAndSweepSpecsAreExitTwoNamingTheLine(String name, String[] parts, String[] fragments)
            throws IOException {
        String[] replacements = java.util.Arrays.copyOfRange(parts, 4, parts.length);
        Path spec = spec(parts[0], parts[1], parts[2], parts[3], replacements);
        Path out = tmp.resolve("report");

        Cli cli = Cli.run("run", spec.toString(), "--out", out.toString());

        assertThat(cli.status()).as(cli.err()).isEqualTo(2);
        assertThat(cli.out()).isEmpty();
        String err = cli.err().stripTrailing();
        assertThat(err).doesNotContain("\n").startsWith("latentcheck: ");
        for (String fragment : fragments) {
            assertThat(err).contains(fragment.startsWith("spec.yaml") ? spec.getParent().resolve(fragment).toString()
                    : fragment);
        }
        assertThat(out).doesNotExist();
    }

    @Test
    void theBaseSpecOfTheBadInputCasesIsValid() throws IOException {
        Path out = tmp.resolve("report");
        Cli cli = Cli.run("run", spec("latent_dim: 2", "gaussian", "2", "").toString(), "--out", out.toString());
        assertThat(cli.status()).as(cli.err()).isZero();
        assertThat(out.resolve("active-units-gaussian.csv")).isRegularFile();
    }
}
