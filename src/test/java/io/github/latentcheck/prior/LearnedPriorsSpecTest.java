package io.github.latentcheck.prior;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.data.Latents;
import io.github.latentcheck.data.SampleFiles;
import io.github.latentcheck.spec.Options;
import io.github.latentcheck.spec.SpecNode;
import java.io.StringReader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The learned priors as specs write them: inline or from files, and every refusal naming its key and line. */
class LearnedPriorsSpecTest {
    private static final Path MODELS = Path.of("fixtures", "models").toAbsolutePath();

    @TempDir
    Path dir;

    /** @return the options of a one-item YAML list, whose keys stand on lines 2, 3, … of "spec.yaml" */
    private Options yaml(String item) {
        SpecNode root = SpecNode.parse(new StringReader("priors:\n  - " + item.replace("\n", "\n    ")), "spec.yaml");
        return Options.of(root.entries().get("priors").items().get(0), "priors[0]", dir);
    }

    private Prior create(String item) {
        Options options = yaml(item);
        Prior prior = Priors.create(options, 0);
        options.rejectUnknownKeys();
        return prior;
    }

    private void write(String name, int rows, int columns, double... values) {
        SampleFiles.write(dir.resolve(name), Latents.of(rows, columns, values));
    }

    @Test
    void readsALearnedGaussianInlineOrFromFiles() {
        GaussianPrior inline = (GaussianPrior) create("type: gaussian\nmean: [0.5, -1]\nscale: [2, 0.25]");
        assertThat(inline.dimension()).isEqualTo(2);
        assertThat(inline.marginal(1).getMean()).isEqualTo(-1);
        assertThat(inline.marginal(0).getVariance()).isEqualTo(4);
        write("m.npy", 2, 1, 0.5, -1);
        write("cov.npy", 2, 2, 4, 1, 1, 1);
        GaussianPrior files = (GaussianPrior) create("type: gaussian\nmean: m.npy\ncovariance: cov.npy");
        assertThat(files.mean()).containsExactly(0.5, -1);
        assertThat(files.cholesky()[1][0]).isEqualTo(0.5);
        GaussianPrior factor = (GaussianPrior) create("type: gaussian\nmean: [0, 0]\ncholesky: [[2, 0], [0.5, 1]]");
        assertThat(factor.marginal(1).getVariance()).isCloseTo(1.25, within(1e-15));
        GaussianPrior shifted = (GaussianPrior) create("type: gaussian\nmean: [3, 4, 5]");
        assertThat(shifted.marginal(2).getVariance()).isEqualTo(1);
    }

    /** The fixture model's prior, as its checkpoint exported it. */
    @Test
    void readsTheFixtureModelsLearnedPrior() {
        Options options = Options.of(SpecNode.parse(new StringReader("type: gaussian\nmean: "
                + "ring8-vae-learned-gaussian-mean.npy\nscale: ring8-vae-learned-gaussian-scale.npy\n"), "spec.yaml"),
                "priors[0]", MODELS);
        GaussianPrior prior = (GaussianPrior) Priors.create(options, 4);
        assertThat(prior.dimension()).isEqualTo(4);
        assertThat(prior.mean()[0]).isEqualTo(-0.6764534711837769);
        assertThat(Math.sqrt(prior.marginal(3).getVariance())).isCloseTo(3.060639048441973, within(1e-15));
    }

    @Test
    void refusesBadLearnedGaussiansAtTheirKey() {
        assertThatThrownBy(() -> create("type: gaussian\nmean: [0, 1]\nscale: [1, -1]"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("spec.yaml:4: priors[0].scale[1] is not strictly positive and finite: -1.0");
        assertThatThrownBy(() -> create("type: gaussian\nmean: [0, 1]\nscale: [1, 1]\ncovariance: [[1, 0], [0, 1]]"))
                .hasMessage("spec.yaml:5: priors[0] gives both 'scale' and 'covariance': give one of scale, covariance "
                        + "and cholesky");
        assertThatThrownBy(() -> create("type: gaussian\nmean: [0, 1]\ncovariance: [[1, 2], [2, 1]]"))
                .hasMessageStartingWith("spec.yaml:4: priors[0].covariance is not positive-definite");
        assertThatThrownBy(() -> create("type: gaussian\nmean: [0, 1]\ncholesky: [[1, 1], [0, 1]]"))
                .hasMessage("spec.yaml:4: priors[0].cholesky is not lower-triangular: [0][1] = 1.0");
        assertThatThrownBy(() -> create("type: gaussian\nmean: [0, nan]"))
                .hasMessageStartingWith("spec.yaml:3: priors[0].mean[1] is not a finite number");
        assertThatThrownBy(() -> create("type: gaussian\nmean: [0, 1]\nscale: [1, 1]\ndim: 3"))
                .hasMessage("spec.yaml:5: priors[0].dim is 3 but its parameters give dimension 2");
        assertThatThrownBy(() -> Priors.create(yaml("type: gaussian\nmean: [0, 1]"), 8))
                .hasMessage("spec.yaml:2: priors[0] has dimension 2 (from its parameters), but the spec's latent_dim is 8");
    }

    @Test
    void refusesBadParameterFilesNamingTheFile() {
        write("cov.npy", 2, 2, 1, 0.5, 0.4, 1);
        assertThatThrownBy(() -> create("type: gaussian\nmean: [0, 1]\ncovariance: cov.npy"))
                .hasMessage("spec.yaml:4: priors[0].covariance is not symmetric: [0][1] = 0.5 but [1][0] = 0.4 (in "
                        + dir.resolve("cov.npy") + ")");
        write("m.npy", 2, 2, 1, 2, 3, 4);
        assertThatThrownBy(() -> create("type: gaussian\nmean: m.npy"))
                .hasMessage("spec.yaml:3: priors[0].mean: " + dir.resolve("m.npy") + " holds a 2 x 2 array, not a vector");
        assertThatThrownBy(() -> create("type: gaussian\nmean: missing.npy"))
                .hasMessage("spec.yaml:2: priors[0]: " + dir.resolve("missing.npy") + ": no such file");
    }

    @Test
    void readsAMixtureAndRefusesBadWeights() {
        MixturePrior mixture = (MixturePrior) create("type: mixture\nweights: [0.25, 0.75]\nmeans: [[0, 1], [2, 3]]\n"
                + "scales: [[1, 1], [0.5, 0.5]]");
        assertThat(mixture.dimension()).isEqualTo(2);
        assertThat(mixture.components()).isEqualTo(2);
        assertThat(mixture.marginal(0).getMean()).isEqualTo(1.5);
        assertThatThrownBy(() -> create("type: mixture\nweights: [0.25, 0.5]\nmeans: [[0, 1], [2, 3]]\n"
                + "scales: [[1, 1], [0.5, 0.5]]"))
                .hasMessage("spec.yaml:3: priors[0].weights do not sum to 1 (within 1.0E-6): 0.75");
        assertThatThrownBy(() -> create("type: mixture\nweights: [0.5, 0.5]\nmeans: [[0, 1], [2, 3]]\n"
                + "scales: [[1, 1], [0.5, 0]]"))
                .hasMessage("spec.yaml:5: priors[0].scales[1][1] is not strictly positive and finite: 0.0");
        assertThatThrownBy(() -> create("type: mixture\nweights: [1]\nmeans: [[0, 1]]"))
                .hasMessage("spec.yaml:2: priors[0] is missing the key 'scales'");
    }

    @Test
    void readsAFlowWithItsInverseAndBase() {
        FlowPrior flow = (FlowPrior) create("type: flow\nmodel: " + MODELS.resolve("ring8-vae-flow-prior-flow.onnx")
                + "\ninverse: " + MODELS.resolve("ring8-vae-flow-prior-flow-inverse.onnx"));
        assertThat(flow.dimension()).isEqualTo(2);
        assertThat(flow.base().description()).isEqualTo("N(0, I_2)");
        assertThat(flow.hasReference()).isTrue();
        assertThat(flow.description()).isEqualTo("flow ring8-vae-flow-prior-flow.onnx of N(0, I_2), inverse "
                + "ring8-vae-flow-prior-flow-inverse.onnx");
        FlowPrior uniform = (FlowPrior) create("type: flow\nmodel: " + MODELS.resolve("ring8-vae-flow-prior-flow.onnx")
                + "\nbase: {type: uniform, low: 0, high: 1}");
        assertThat(uniform.base().description()).isEqualTo("U(0, 1)^2");
        assertThat(uniform.hasReference()).isFalse();
    }

    @Test
    void refusesABadFlowNamingTheModel() {
        Path flow = MODELS.resolve("ring8-vae-flow-prior-flow.onnx");
        Path decoder = MODELS.resolve("ring8-vae-flow-prior.onnx");
        assertThatThrownBy(() -> create("type: flow\nmodel: " + flow + "\ninverse: " + decoder))
                .hasMessageStartingWith("spec.yaml:2: priors[0]: " + decoder + ": is not the inverse of the flow " + flow
                        + ": on seeded base draw 0, coordinate 0");
        assertThatThrownBy(() -> create("type: flow\nmodel: " + flow + "\nbase_dim: 3"))
                .hasMessage("spec.yaml:2: priors[0]: " + flow + ": the flow's input 'eps' takes 2 values per row, but "
                        + "the base N(0, I_3) has dimension 3");
        assertThatThrownBy(() -> create("type: flow\nmodel: " + flow + "\nbase: sphere"))
                .hasMessage("spec.yaml:4: priors[0].base is not gaussian or uniform: 'sphere'");
        assertThatThrownBy(() -> create("type: flow\nmodel: " + dir.resolve("none.onnx")))
                .hasMessage("spec.yaml:2: priors[0]: " + dir.resolve("none.onnx") + ": no such file");
    }

    @Test
    void aFilePriorNamesALearnedReference() {
        write("z.npy", 3, 2, 0, 0, 1, 1, 2, 2);
        FilePrior mixture = (FilePrior) create("type: file\npath: z.npy\nreference: mixture\nweights: [1]\n"
                + "means: [[0, 1]]\nscales: [[1, 2]]");
        assertThat(mixture.reference().orElseThrow().type()).isEqualTo("mixture");
        assertThat(mixture.marginal(1).getVariance()).isEqualTo(4);
        FilePrior gaussian = (FilePrior) create("type: file\npath: z.npy\nreference: gaussian\nmean: [1, 2]");
        assertThat(gaussian.jointReference().law().description()).isEqualTo("N(0, I_2)");
        assertThat(gaussian.jointReference().apply(Latents.of(1, 2, new double[] {1, 2})).toArray())
                .containsExactly(0, 0);
        FilePrior flow = (FilePrior) create("type: file\npath: z.npy\nreference: flow\nmodel: "
                + MODELS.resolve("ring8-vae-flow-prior-flow.onnx"));
        assertThat(flow.hasReference()).isFalse();
        assertThatThrownBy(() -> create("type: file\npath: z.npy\nreference: gaussian\nmean: [1, 2, 3]"))
                .hasMessageContaining("is not a distribution of dimension 2, the file's column count");
    }
}
