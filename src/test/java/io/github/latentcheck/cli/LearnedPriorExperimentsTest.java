package io.github.latentcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.latentcheck.internal.report.JsonResultsReporter;
import io.github.latentcheck.run.Experiment;
import io.github.latentcheck.run.ExperimentResult;
import io.github.latentcheck.run.ExperimentRunner;
import io.github.latentcheck.spec.ExperimentSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The learned-prior and flow-prior experiments, and the refusals a learned prior's spec can meet. */
class LearnedPriorExperimentsTest {
    @TempDir
    Path tmp;

    private static String json(ExperimentResult result) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new JsonResultsReporter().write(result, out);
        return out.toString(StandardCharsets.UTF_8).replace(result.startedAt().toString(), "STARTED")
                .replaceAll("\"(duration|seconds)[A-Za-z]*\"\\s*:\\s*[0-9.eE+-]+", "\"$1\": D");
    }

    /**
     * Each experiment passes its gates (each latent gate fails for a correct sampler with probability at most
     * 1 %; with the fixed seed the outcome is fixed), and the same seed gives the same results.json on one
     * thread and on three.
     */
    @ParameterizedTest
    @ValueSource(strings = {"learned-prior", "flow-prior"})
    void passesItsGatesAndIsThreadIndependent(String name) throws IOException {
        ExperimentSpec spec = ExperimentSpec.read(Path.of("experiments", name + ".yaml"));
        ExperimentResult one = ExperimentRunner.withDefaults().withThreads(1).run(Experiment.load(spec, 42, 600));
        ExperimentResult three = ExperimentRunner.withDefaults().withThreads(3).run(Experiment.load(spec, 42, 600));
        assertThat(one.passed()).as(one.verdictSummary()).isTrue();
        assertThat(json(three)).isEqualTo(json(one));
    }

    private Cli runSpec(String yaml) throws IOException {
        Path models = Path.of("fixtures", "models").toAbsolutePath();
        Path spec = Files.writeString(tmp.resolve("spec.yaml"), yaml.replace("MODELS", models.toString()));
        return Cli.run("run", spec.toString(), "--out", tmp.resolve("report").toString());
    }

    private void assertBadInput(Cli cli, String message) {
        assertThat(cli.status()).as(cli.err()).isEqualTo(2);
        assertThat(cli.err()).isEqualTo("latentcheck: " + message + System.lineSeparator());
        assertThat(tmp.resolve("report")).doesNotExist();
    }

    @Test
    void aCovarianceThatIsNotPositiveDefiniteIsExitTwoAtItsLine() throws IOException {
        Cli cli = runSpec("""
                name: bad
                samples: 100
                priors:
                  - type: gaussian
                    mean: [0, 0]
                    covariance: [[1, 0.5], [0.5, -1]]
                generator: {type: identity}
                checks: [latent-ks]
                """);
        assertThat(cli.status()).isEqualTo(2);
        assertThat(cli.err()).startsWith("latentcheck: " + tmp.resolve("spec.yaml") + ":6: priors[0].covariance is not "
                + "positive-definite: its Cholesky pivot of row 1 is ").hasLineCount(1);
    }

    @Test
    void aMixtureUnderMardiaIsExitTwoNamingTheCheck() throws IOException {
        Cli cli = runSpec("""
                name: bad
                samples: 100
                priors:
                  - {type: mixture, weights: [0.5, 0.5], means: [[0, 0], [2, 2]], scales: [[1, 1], [1, 1]]}
                generator: {type: identity}
                checks: [mardia]
                """);
        assertBadInput(cli, tmp.resolve("spec.yaml") + ":6: check 'mardia' cannot test prior 'mixture': mardia tests "
                + "multivariate normality and needs a gaussian prior, not mixture");
    }

    @Test
    void aLatentCheckOfAFlowWithoutItsInverseIsExitTwoWithAdvice() throws IOException {
        Cli cli = runSpec("""
                name: bad
                samples: 100
                priors:
                  - {type: flow, model: MODELS/ring8-vae-flow-prior-flow.onnx}
                generator: {type: identity}
                checks: [latent-ks]
                """);
        assertThat(cli.status()).isEqualTo(2);
        assertThat(cli.err()).contains(":4: prior 'flow' (flow ring8-vae-flow-prior-flow.onnx of N(0, I_2), no inverse) "
                + "has no reference distribution, which check 'latent-ks'").endsWith("give the flow an 'inverse' model, "
                + "or compare the latents with fresh draws by latent-energy or latent-mmd instead" + System.lineSeparator())
                .hasLineCount(1);
    }

    @Test
    void aFlowWithoutItsInverseRunsTheTwoSampleCheck() throws IOException {
        Cli cli = runSpec("""
                name: flow-two-sample
                samples: 600
                priors:
                  - {type: flow, model: MODELS/ring8-vae-flow-prior-flow.onnx}
                generator: {type: identity}
                checks: [{type: latent-energy, permutations: 99}]
                gates: [latent-energy.rejected == 0]
                """);
        assertThat(cli.status()).as(cli.err()).isZero();
    }

    @Test
    void aMissingParameterFileIsExitTwoNamingIt() throws IOException {
        Cli cli = runSpec("""
                name: bad
                samples: 100
                priors:
                  - {type: gaussian, mean: m.npy, scale: [1, 1]}
                generator: {type: identity}
                checks: [latent-ks]
                """);
        assertBadInput(cli, tmp.resolve("spec.yaml") + ":4: priors[0]: " + tmp.resolve("m.npy") + ": no such file");
    }
}
