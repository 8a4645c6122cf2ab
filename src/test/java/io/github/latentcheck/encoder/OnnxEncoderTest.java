package io.github.latentcheck.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.data.SampleFiles;
import io.github.latentcheck.data.Samples;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The ONNX encoders of the digits VAE family against the golden vectors torch wrote into their sidecars. */
class OnnxEncoderTest {
    private static final Path MODELS = Path.of("fixtures/models");
    /** ONNX Runtime and torch both compute in float32, in other orders: a few ulps of values below 10. */
    private static final double TOLERANCE = 1e-5;

    private static JsonNode sidecar(int d) throws IOException {
        return new ObjectMapper().readTree(MODELS.resolve("digits-vae-d" + d + "-encoder.json").toFile());
    }

    private static Samples matrix(JsonNode rows) {
        int n = rows.size();
        int c = rows.get(0).size();
        double[] v = new double[n * c];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < c; j++) {
                v[i * c + j] = rows.get(i).get(j).doubleValue();
            }
        }
        return Samples.of(n, c, v);
    }

    private static OnnxEncoder open(int d, OnnxEncoder.Layout layout, List<String> outputs) {
        return OnnxEncoder.open(MODELS.resolve("digits-vae-d" + d + "-encoder.onnx"), null, layout, outputs, 3, 1);
    }

    @ParameterizedTest(name = "d = {0}")
    @ValueSource(ints = {2, 4, 8, 16})
    void reproducesTorchsGoldenVectors(int d) throws IOException {
        JsonNode golden = sidecar(d).get("golden_vectors");
        Samples mu = matrix(golden.get("mu"));
        Samples logvar = matrix(golden.get("logvar"));
        try (OnnxEncoder encoder = open(d, OnnxEncoder.Layout.TWO_OUTPUTS, List.of("mu", "logvar"))) {
            assertThat(encoder.inputDimension()).isEqualTo(64);
            assertThat(encoder.latentDimension()).isEqualTo(d);
            Posterior q = encoder.encode(matrix(golden.get("x")));
            for (int i = 0; i < 5; i++) {
                for (int u = 0; u < d; u++) {
                    assertThat(q.mean(i, u)).as("mu[%d][%d]", i, u).isCloseTo(mu.value(i, u), within(TOLERANCE));
                    assertThat(q.logVariance(i, u)).as("logvar[%d][%d]", i, u)
                            .isCloseTo(logvar.value(i, u), within(TOLERANCE));
                }
            }
        }
    }

    /**
     * The concatenated layout splits one output [batch, 2k] into means and log variances; read
     * through the d = 16 model's {@code mu} output, it gives k = 8 with means mu[:, :8] and log
     * variances mu[:, 8:].
     */
    @Test
    void theConcatenatedLayoutSplitsOneOutputInHalves() throws IOException {
        JsonNode golden = sidecar(16).get("golden_vectors");
        Samples mu = matrix(golden.get("mu"));
        try (OnnxEncoder encoder = open(16, OnnxEncoder.Layout.CONCATENATED, List.of("mu"))) {
            assertThat(encoder.latentDimension()).isEqualTo(8);
            Posterior q = encoder.encode(matrix(golden.get("x")));
            for (int i = 0; i < 5; i++) {
                for (int u = 0; u < 8; u++) {
                    assertThat(q.mean(i, u)).isCloseTo(mu.value(i, u), within(TOLERANCE));
                    assertThat(q.logVariance(i, u)).isCloseTo(mu.value(i, 8 + u), within(TOLERANCE));
                }
            }
        }
    }

    /**
     * The activities of the 597 held-out digits agree with the float64 numpy variance of torch's
     * means in the sidecar (1e-4 relative: the means differ by float32 ulps), and 12 of the 16 units
     * of the d = 16 model are inactive.
     */
    @Test
    void theSixteenDimensionalModelHasFourActiveUnitsOnTheHoldout() throws IOException {
        JsonNode expected = sidecar(16).get("holdout_mean_variance");
        try (OnnxEncoder encoder = open(16, OnnxEncoder.Layout.TWO_OUTPUTS, List.of("mu", "logvar"))) {
            double[] activity = PosteriorStatistics.activity(encoder.encode(
                    SampleFiles.readSamples(Path.of("fixtures/data/digits_holdout.npy"))));
            int active = 0;
            for (int u = 0; u < 16; u++) {
                double e = expected.get(u).doubleValue();
                assertThat(activity[u]).as("unit %d", u).isCloseTo(e, within(1e-4 * e + 1e-9));
                active += activity[u] > 0.01 ? 1 : 0;
            }
            assertThat(active).isEqualTo(4).isEqualTo(sidecar(16).get("holdout_active_units_0_01").intValue());
        }
    }

    @Test
    void badModelsAndNamesAreBadInputNamingTheFile() {
        assertThatThrownBy(() -> OnnxEncoder.open(MODELS.resolve("missing.onnx"), null, OnnxEncoder.Layout.TWO_OUTPUTS,
                List.of("mu", "logvar"), 8, 1)).isInstanceOf(InvalidInputException.class)
                .hasMessage(MODELS.resolve("missing.onnx") + ": no such file");
        assertThatThrownBy(() -> open(2, OnnxEncoder.Layout.TWO_OUTPUTS, List.of("mu", "sigma")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("digits-vae-d2-encoder.onnx: has no "
                        + "output 'sigma' (its outputs: ");
        assertThatThrownBy(() -> open(2, OnnxEncoder.Layout.TWO_OUTPUTS, List.of("mu")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("takes 2 distinct output names");
        assertThatThrownBy(() -> open(2, OnnxEncoder.Layout.TWO_OUTPUTS, List.of("mu", "mu")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("takes 2 distinct output names");
        assertThatThrownBy(() -> OnnxEncoder.open(MODELS.resolve("digits-vae-d2-encoder.onnx"), "z",
                OnnxEncoder.Layout.TWO_OUTPUTS, List.of("mu", "logvar"), 8, 1)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("has no input 'z'");
        assertThatThrownBy(() -> OnnxEncoder.open(MODELS.resolve("digits-vae-d2.json"), null,
                OnnxEncoder.Layout.TWO_OUTPUTS, List.of("mu", "logvar"), 8, 1)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("digits-vae-d2.json: is not a model ONNX Runtime can load");
        try (OnnxEncoder encoder = open(2, OnnxEncoder.Layout.TWO_OUTPUTS, List.of("mu", "logvar"))) {
            assertThatThrownBy(() -> encoder.encode(Samples.of(1, 3, new double[3])))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("takes rows of 64 values, not 3");
        }
    }
}
