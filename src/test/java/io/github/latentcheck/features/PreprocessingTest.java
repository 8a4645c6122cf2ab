package io.github.latentcheck.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.latentcheck.InvalidInputException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The resize against Pillow 9.4 (fixtures/features/golden.csv: a 16 x 16 image as mode F, Image.resize with
 * BILINEAR or BICUBIC). Tolerance 2e-7 absolute on values in [0, 1]: both compute in double and store each pass as
 * float32, so they differ only where a sum's last bits round differently (a float32 ulp near 1 is 6e-8).
 */
class PreprocessingTest {
    private static Image image(String file) {
        return ImageFolder.of(Golden.IMAGES.resolve("digits-generated")).read(
                Integer.parseInt(file.substring("generated-".length(), "generated-".length() + 4)));
    }

    private static float[] resized(Image image, ResizeFilter filter, int height, int width) {
        float[] out = new float[height * width];
        Preprocessing.of(Preprocessing.Layout.NCHW, height, width, 1, filter, 0, 1, new double[] {0},
                new double[] {1}).apply(image, out, 0);
        return out;
    }

    @ParameterizedTest
    @CsvSource({"resize-bilinear-generated-0000.png,0,BILINEAR,8,8", "resize-bilinear-generated-0009.jpg,9,BILINEAR,8,8",
        "resize-bilinear-generated-0017.png,17,BILINEAR,8,8", "resize-bicubic-generated-0000.png,0,BICUBIC,8,8",
        "resize-bicubic-generated-0009.jpg,9,BICUBIC,8,8", "resize-bicubic-generated-0017.png,17,BICUBIC,8,8",
        "resize-bicubic-23x11-generated-0000.png,0,BICUBIC,11,23",
        "resize-bicubic-23x11-generated-0017.png,17,BICUBIC,11,23"})
    void resizeAgreesWithPillow(String golden, int row, ResizeFilter filter, int height, int width) {
        String file = golden.substring(golden.indexOf("generated-"));
        double[] expected = Golden.values(golden, row);
        float[] actual = resized(image(file), filter, height, width);
        assertThat(actual).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat((double) actual[i]).as("%s value %d", golden, i).isCloseTo(expected[i], within(2e-7));
        }
    }

    @Test
    void layoutsChannelsRangeAndNormalisationAreApplied() {
        float[] rgb = {0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f};
        Image image = Image.of(1, 2, 3, rgb);
        float[] nchw = new float[6];
        Preprocessing.of(Preprocessing.Layout.NCHW, 1, 2, 3, ResizeFilter.BILINEAR, 0, 255,
                new double[] {10, 20, 30}, new double[] {2, 4, 5}).apply(image, nchw, 0);
        // channel c of pixel p: (255 v - mean_c) / std_c, channel-first
        assertThat(nchw[0]).isCloseTo((float) ((255 * 0.1f - 10) / 2), within(1e-5f));
        assertThat(nchw[1]).isCloseTo((float) ((255 * 0.4f - 10) / 2), within(1e-5f));
        assertThat(nchw[2]).isCloseTo((float) ((255 * 0.2f - 20) / 4), within(1e-5f));
        assertThat(nchw[5]).isCloseTo((float) ((255 * 0.6f - 30) / 5), within(1e-5f));
        float[] nhwc = new float[6];
        Preprocessing.of(Preprocessing.Layout.NHWC, 1, 2, 3, ResizeFilter.BILINEAR, -1, 1,
                new double[] {0}, new double[] {1}).apply(image, nhwc, 0);
        // -1 + 2 v, pixel-major; 1e-7 covers the float32 inputs (0.3f is not 0.3)
        assertThat(nhwc).containsExactly(new float[] {-0.8f, -0.6f, -0.4f, -0.2f, 0f, 0.2f}, within(1e-7f));
        float[] gray = new float[2];
        Preprocessing.of(Preprocessing.Layout.NCHW, 1, 2, 1, ResizeFilter.BILINEAR, 0, 1,
                new double[] {0}, new double[] {1}).apply(image, gray, 0);
        assertThat(gray[0]).isCloseTo(0.299f * 0.1f + 0.587f * 0.2f + 0.114f * 0.3f, within(1e-7f));
        float[] repeated = new float[3];
        Preprocessing.of(Preprocessing.Layout.NCHW, 1, 1, 3, ResizeFilter.BILINEAR, 0, 1,
                new double[] {0}, new double[] {1}).apply(Image.of(1, 1, 1, new float[] {0.25f}), repeated, 0);
        assertThat(repeated).containsExactly(0.25f, 0.25f, 0.25f);
    }

    @Test
    void badSettingsNameTheRule() {
        assertThatThrownBy(() -> Preprocessing.of(Preprocessing.Layout.NCHW, 8, 8, 3, ResizeFilter.BILINEAR, 0, 1,
                new double[] {0.5, 0.5}, new double[] {1})).isInstanceOf(InvalidInputException.class)
                .hasMessage("mean has 2 values; give 1 or one per channel (3)");
        assertThatThrownBy(() -> Preprocessing.of(Preprocessing.Layout.NCHW, 8, 8, 1, ResizeFilter.BILINEAR, 0, 1,
                new double[] {0}, new double[] {0})).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("std is not positive");
        assertThatThrownBy(() -> Preprocessing.of(Preprocessing.Layout.NCHW, 8, 8, 2, ResizeFilter.BILINEAR, 0, 1,
                new double[] {0}, new double[] {1})).hasMessage("channels is not 1 or 3: 2");
    }

    @Test
    void theKeyNamesEverySetting() {
        assertThat(Golden.digits().key()).isEqualTo(
                "layout=NCHW size=8x8 channels=1 resize=bilinear range=[0.0,1.0] mean=[0.5] std=[0.5]");
    }
}
