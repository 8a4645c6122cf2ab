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
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
    @ValueSource(strings = {"ring8-gan-gaussian", "ring8-gan-uniform", "grid25-gan-gaussian", "digits-vae-gaussian",
        "digits-vae-d2", "digits-vae-d4", "digits-vae-d8", "digits-vae-d16",
        "ring8-vae-learned-gaussian", "ring8-vae-flow-prior"})
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

    @Test
    void aNonFiniteOutputIsRefusedNamingTheBatchRowAndColumn() throws IOException {
        Path model = Files.write(tmp.resolve("log.onnx"), logModel());
        try (OnnxGenerator generator = OnnxGenerator.open(model, null, null, 16, 1)) {
            assertThat(generator.generate(Latents.of(2, 2, new double[] {1, 2, 3, 4})).value(1, 1))
                    .isEqualTo((float) Math.log(4));

            assertThatThrownBy(() -> generator.generate(Latents.of(3, 2, new double[] {1, 2, 3, -1, 5, 6})))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage(model + ": output 'x' is NaN at row 1, column 1 (0-based) of batch 2 (row 3 of the "
                            + "run); a generator's outputs must be finite");
            assertThatThrownBy(() -> generator.generate(Latents.of(1, 2, new double[] {0, 1})))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("output 'x' is -Infinity at row 0, column 0 (0-based) of batch 3");
        }
    }

    /**
     * An ONNX model x = log(z) for z of shape [N, 2], so a negative latent gives NaN and a zero gives
     * −∞. No ONNX writer is on the classpath, so it is written as protobuf by hand with the field
     * numbers of onnx.proto: ModelProto (ir_version 1, graph 7, opset_import 8), GraphProto (node 1,
     * name 2, input 11, output 12), NodeProto (input 1, output 2, op_type 4), ValueInfoProto (name 1,
     * type 2), TypeProto.tensor_type 1, Tensor (elem_type 1 = FLOAT, shape 2), TensorShapeProto.dim 1,
     * Dimension (dim_value 1, dim_param 2), OperatorSetIdProto.version 2.
     */
    private static byte[] logModel() {
        byte[] shape = concat(bytes(1, string(2, "N")), bytes(1, varint(1, 2)));
        byte[] type = bytes(1, concat(varint(1, 1), bytes(2, shape)));
        byte[] node = concat(string(1, "z"), string(2, "x"), string(4, "Log"));
        byte[] graph = concat(bytes(1, node), string(2, "log"), bytes(11, concat(string(1, "z"), bytes(2, type))),
                bytes(12, concat(string(1, "x"), bytes(2, type))));
        return concat(varint(1, 7), bytes(7, graph), bytes(8, varint(2, 13)));
    }

    private static byte[] varint(int field, long value) {
        return concat(key(field, 0), unsigned(value));
    }

    private static byte[] string(int field, String text) {
        return bytes(field, text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] bytes(int field, byte[] body) {
        return concat(key(field, 2), unsigned(body.length), body);
    }

    private static byte[] key(int field, int wireType) {
        return unsigned((long) field << 3 | wireType);
    }

    private static byte[] unsigned(long value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long v = value;
        while ((v & ~0x7FL) != 0) {
            out.write((int) (v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.write((int) v);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
