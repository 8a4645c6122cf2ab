package io.github.latentcheck.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.data.Latents;
import io.github.latentcheck.data.Samples;
import io.github.latentcheck.prior.GaussianPrior;
import io.github.latentcheck.spec.Options;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class OnnxGeneratorTest {
    private static final Path MODELS = Path.of("fixtures/models");

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"ring8-gan-gaussian", "ring8-gan-uniform", "grid25-gan-gaussian", "digits-vae-gaussian"})
    void reproducesTheSidecarsGoldenVectorsTo1e5(String name) throws IOException {
        JsonNode sidecar = new ObjectMapper().readTree(MODELS.resolve(name + ".json").toFile());
        double[][] z = matrix(sidecar.get("golden_vectors").get("z"));
        double[][] expected = matrix(sidecar.get("golden_vectors").get("x"));
        int d = z[0].length;
        double[] flat = Arrays.stream(z).flatMapToDouble(Arrays::stream).toArray();

        try (OnnxGenerator generator = OnnxGenerator.open(MODELS.resolve(name + ".onnx"), null, null, 1024, 1)) {
            Samples x = generator.generate(Latents.of(z.length, d, flat));

            assertThat(generator.inputDimension()).isEqualTo(sidecar.get("latent_dim").asInt());
            assertThat(generator.outputDimension()).isEqualTo(sidecar.get("out_dim").asInt());
            assertThat(x.rows()).isEqualTo(z.length);
            double worst = 0;
            for (int r = 0; r < z.length; r++) {
                for (int c = 0; c < x.columns(); c++) {
                    worst = Math.max(worst, Math.abs(x.value(r, c) - expected[r][c]));
                }
            }
            assertThat(worst).as("largest absolute difference from torch").isLessThanOrEqualTo(1e-5);
        }
    }

    @Test
    void readsNamesDimensionsAndTheImageShapeFromTheModelAndSidecar() {
        try (OnnxGenerator generator = OnnxGenerator.open(MODELS.resolve("digits-vae-gaussian.onnx"), "z", "x", 256, 0)) {
            assertThat(generator.inputName()).isEqualTo("z");
            assertThat(generator.outputName()).isEqualTo("x");
            assertThat(generator.batchSize()).isEqualTo(256);
            assertThat(generator.sidecar()).hasValueSatisfying(s -> {
                assertThat(s.latentDim()).isEqualTo(16);
                assertThat(s.prior()).isEqualTo("gaussian");
                assertThat(s.imageShape()).containsExactly(8, 8);
            });
            Samples x = generator.generate(Latents.of(3, 16, new double[48]));
            assertThat(x.imageShape()).containsExactly(8, 8);
            assertThat(x.columns()).isEqualTo(64);
        }
    }

    @Test
    void aPriorOfAnotherDimensionIsRefusedNamingTheModelTensorAndBothShapes() {
        Options options = Options.of(Map.of("type", "onnx", "model", "fixtures/models/ring8-gan-gaussian.onnx"),
                "generator");

        assertThatThrownBy(() -> Generators.create(options, GeneratorContext.of(GaussianPrior.of(3), null)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("ring8-gan-gaussian.onnx").hasMessageContaining("input 'z'")
                .hasMessageContaining("[batch, 8]").hasMessageContaining("[batch, 3]");
    }

    @Test
    void aMissingModelIsBadInput() {
        assertThatThrownBy(() -> OnnxGenerator.open(tmp.resolve("nope.onnx"), null, null, 16, 1))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("nope.onnx: no such file");
    }

    @Test
    void aTruncatedModelIsBadInputNamingTheFile() throws IOException {
        byte[] bytes = Files.readAllBytes(MODELS.resolve("ring8-gan-gaussian.onnx"));
        Path truncated = tmp.resolve("truncated.onnx");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 3));

        assertThatThrownBy(() -> OnnxGenerator.open(truncated, null, null, 16, 1))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(truncated + ": is not a model ONNX Runtime can load");
    }

    @Test
    void aFileThatIsNotOnnxIsBadInput() throws IOException {
        Path text = tmp.resolve("notes.onnx");
        Files.writeString(text, "this is not a model\n");

        assertThatThrownBy(() -> OnnxGenerator.open(text, null, null, 16, 1))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith(text + ": is not a model");
    }

    @Test
    void aSidecarWhoseLatentDimDisagreesWithTheModelIsRefused() throws IOException {
        Path model = tmp.resolve("ring.onnx");
        Files.copy(MODELS.resolve("ring8-gan-gaussian.onnx"), model);
        Files.writeString(tmp.resolve("ring.json"), "{\"latent_dim\": 4, \"prior\": \"gaussian\", \"out_dim\": 2}");

        assertThatThrownBy(() -> OnnxGenerator.open(model, null, null, 16, 1))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("ring.json: latent_dim is 4").hasMessageContaining("[?, 8]");
    }

    @Test
    void anUnknownTensorNameIsRefusedListingTheModelsNames() {
        assertThatThrownBy(() -> OnnxGenerator.open(MODELS.resolve("ring8-gan-gaussian.onnx"), "noise", null, 16, 1))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("has no input named 'noise' (its inputs: z)");
    }

    private static double[][] matrix(JsonNode rows) {
        double[][] out = new double[rows.size()][];
        for (int i = 0; i < out.length; i++) {
            JsonNode row = rows.get(i);
            out[i] = new double[row.size()];
            for (int j = 0; j < out[i].length; j++) {
                out[i][j] = row.get(j).asDouble();
            }
        }
        return out;
    }
}
