package io.github.latentcheck.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.data.Samples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fixture CNN through ONNX Runtime against torch 1.13's outputs (golden.csv). Tolerance 1e-4 absolute on
 * activations up to about 20: the two runtimes sum convolutions in different orders in float32 (a relative error
 * of a few 1e-7 per sum).
 */
class OnnxFeaturesTest {
    private static final double TOLERANCE = 1e-4;

    /** Images whose values are the golden model inputs undone: v = 0.5 + 0.5 x (the inverse of the normalisation). */
    @Test
    void theModelAgreesWithTorch() {
        List<Image> images = new ArrayList<>();
        for (int row = 0; row < 3; row++) {
            double[] in = Golden.values("model-input", row);
            float[] v = new float[64];
            for (int i = 0; i < 64; i++) {
                v[i] = (float) (0.5 + 0.5 * in[i]);
            }
            images.add(Image.of(8, 8, 1, v));
        }
        try (OnnxFeatures f = OnnxFeatures.open(Golden.MODEL, null, null, Golden.digits(), 2, 1)) {
            assertThat(f.dimension()).isEqualTo(32);
            Samples out = f.embed(list(images), done -> { });
            for (int row = 0; row < 3; row++) {
                double[] expected = Golden.values("model-output", row);
                for (int c = 0; c < 32; c++) {
                    assertThat(out.value(row, c)).as("row %d feature %d", row, c).isCloseTo(expected[c], within(TOLERANCE));
                }
            }
        }
    }

    /**
     * The model with dynamic height and width runs at the preprocessing's size, 8 x 8 and 12 x 10, and agrees with
     * torch there (golden-dynamic.csv); its activations are below 1, so 1e-6 absolute (float32 sums of 9 products,
     * then a mean of up to 120 values).
     */
    @Test
    void aModelWithDynamicHeightAndWidthRunsAtThePreprocessingsSize() {
        for (int[] size : new int[][] {{8, 8}, {12, 10}}) {
            int h = size[0];
            int w = size[1];
            Preprocessing p = Preprocessing.of(Preprocessing.Layout.NCHW, h, w, 1, ResizeFilter.BILINEAR, 0, 1,
                    new double[] {0.5}, new double[] {0.5});
            List<Image> images = new ArrayList<>();
            for (int row = 0; row < 2; row++) {
                double[] in = Golden.values("golden-dynamic.csv", "model-input-" + h + "x" + w, row);
                float[] v = new float[h * w];
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) (0.5 + 0.5 * in[i]);
                }
                images.add(Image.of(h, w, 1, v));
            }
            try (OnnxFeatures f = OnnxFeatures.open(Golden.DYNAMIC, null, null, p, 2, 1)) {
                assertThat(f.dimension()).isEqualTo(4);
                Samples out = f.embed(list(images), done -> { });
                for (int row = 0; row < 2; row++) {
                    double[] expected = Golden.values("golden-dynamic.csv", "model-output-" + h + "x" + w, row);
                    for (int c = 0; c < 4; c++) {
                        assertThat(out.value(row, c)).as("%d x %d row %d feature %d", h, w, row, c)
                                .isCloseTo(expected[c], within(1e-6));
                    }
                }
            }
        }
    }

    @Test
    void theInputSizeIsTheModelsWhenItFixesItAndEmptyWhenItIsDynamic() {
        assertThat(OnnxFeatures.inputSize(Golden.MODEL, null, null, Preprocessing.Layout.NCHW)).hasValueSatisfying(
                s -> assertThat(s).containsExactly(8, 8));
        assertThat(OnnxFeatures.inputSize(Golden.DYNAMIC, null, null, Preprocessing.Layout.NCHW)).isEmpty();
    }

    @Test
    void wholeImagesThroughThePipelineAgreeWithPillowAndTorch() {
        Path train = Golden.IMAGES.resolve("digits-train");
        Path generated = Golden.IMAGES.resolve("digits-generated");
        try (OnnxFeatures f = OnnxFeatures.open(Golden.MODEL, "images", "features", Golden.digits(), 7, 1)) {
            Samples t = f.embed(ImageFolder.of(train), done -> { });
            Samples g = f.embed(ImageFolder.of(generated), done -> { });
            assertThat(t.rows()).isEqualTo(1200);
            assertThat(g.rows()).isEqualTo(500);
            check(t, 0, "features-digits-train/train-0000.png");
            check(t, 1, "features-digits-train/train-0001.png");
            check(g, 0, "features-digits-generated/generated-0000.png");
            check(g, 9, "features-digits-generated/generated-0009.jpg");
        }
    }

    private static void check(Samples features, int row, String golden) {
        double[] expected = Golden.values(golden, 0);
        for (int c = 0; c < expected.length; c++) {
            assertThat(features.value(row, c)).as("%s feature %d", golden, c).isCloseTo(expected[c], within(TOLERANCE));
        }
    }

    @Test
    void theModelsHashIsItsFilesSha256() throws IOException, NoSuchAlgorithmException {
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(Golden.MODEL)));
        try (OnnxFeatures f = OnnxFeatures.open(Golden.MODEL, null, null, Golden.digits(), 64, 1)) {
            assertThat(f.modelSha256()).isEqualTo(expected);
        }
    }

    @Test
    void aPreprocessingThatDoesNotFitTheModelIsRefusedNamingTheModel() {
        Preprocessing rgb = Preprocessing.of(Preprocessing.Layout.NCHW, 8, 8, 3, ResizeFilter.BILINEAR, 0, 1,
                new double[] {0}, new double[] {1});
        assertThatThrownBy(() -> OnnxFeatures.open(Golden.MODEL, null, null, rgb, 64, 1))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(Golden.MODEL + ": input 'images' has shape [?, 1, 8, 8] but the preprocessing ("
                        + rgb.key() + ") makes [?, 3, 8, 8]");
        assertThatThrownBy(() -> OnnxFeatures.open(Golden.MODEL, "pixels", null, Golden.digits(), 64, 1))
                .hasMessage(Golden.MODEL + ": has no input named 'pixels' (its inputs: images)");
        assertThatThrownBy(() -> OnnxFeatures.open(Golden.DIR.resolve("missing.onnx"), null, null, Golden.digits(),
                64, 1)).hasMessage(Golden.DIR.resolve("missing.onnx") + ": no such file");
    }

    static ImageSource list(List<Image> images) {
        return new ImageSource() {
            @Override
            public int size() {
                return images.size();
            }

            @Override
            public Image read(int index) {
                return images.get(index);
            }

            @Override
            public String contentHash() {
                return Hashing.ofString("images " + images.size());
            }

            @Override
            public String name(int index) {
                return "image " + index;
            }

            @Override
            public String description() {
                return "test images";
            }
        };
    }
}
