package io.github.latentcheck.features;

/**
 * The resampling filters of the feature stage's resize, exactly as Pillow's {@code Image.resize} applies them
 * (Pillow 9, {@code libImaging/Resample.c}): separable, horizontal pass first; each output pixel \(x'\) has the
 * centre \(c = (x' + 0.5)\,s\) in the input (\(s\) = input / output size), the filter stretched by
 * \(f = \max(s, 1)\) so that downscaling antialiases (support \(a f\)), weights \(K((x - c + 0.5)/f)\) over the
 * input pixels \(x \in [\lfloor c - af + 0.5\rfloor, \lfloor c + af + 0.5\rfloor)\) clipped to the image,
 * normalised to sum 1; sums in double, each pass stored as float32 (Pillow's mode {@code F}). clean-fid
 * (Parmar et al. 2022, arXiv:2104.11222) showed that the resize filter moves FID; this one is Pillow's, so
 * features match those of a pipeline that resizes with Pillow on float images.
 */
public enum ResizeFilter {
    /** The triangle filter, \(K(x) = \max(0, 1 - |x|)\), support 1: Pillow's {@code BILINEAR}. */
    BILINEAR(1) {
        @Override
        double weight(double x) {
            double t = Math.abs(x);
            return t < 1 ? 1 - t : 0;
        }
    },
    /** Keys' cubic with \(a = -0.5\), support 2: Pillow's {@code BICUBIC} (clean-fid's choice). */
    BICUBIC(2) {
        @Override
        double weight(double x) {
            double a = -0.5;
            double t = Math.abs(x);
            if (t < 1) {
                return ((a + 2) * t - (a + 3)) * t * t + 1;
            }
            return t < 2 ? (((t - 5) * t + 8) * t - 4) * a : 0;
        }
    };

    private final double support;

    ResizeFilter(double support) {
        this.support = support;
    }

    abstract double weight(double x);

    /**
     * Resizes an HWC image.
     *
     * @param in the values, HWC
     * @param height the input rows
     * @param width the input columns
     * @param channels the channels
     * @param outHeight the output rows
     * @param outWidth the output columns
     * @return the resized values, HWC (the input itself when the size does not change)
     */
    float[] resize(float[] in, int height, int width, int channels, int outHeight, int outWidth) {
        float[] v = in;
        if (outWidth != width) {
            Coefficients k = coefficients(width, outWidth);
            float[] out = new float[height * outWidth * channels];
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < outWidth; x++) {
                    for (int c = 0; c < channels; c++) {
                        double s = 0;
                        for (int i = 0; i < k.count[x]; i++) {
                            s += v[(y * width + k.first[x] + i) * channels + c] * k.weights[x][i];
                        }
                        out[(y * outWidth + x) * channels + c] = (float) s;
                    }
                }
            }
            v = out;
        }
        if (outHeight != height) {
            Coefficients k = coefficients(height, outHeight);
            float[] out = new float[outHeight * outWidth * channels];
            for (int y = 0; y < outHeight; y++) {
                for (int x = 0; x < outWidth; x++) {
                    for (int c = 0; c < channels; c++) {
                        double s = 0;
                        for (int i = 0; i < k.count[y]; i++) {
                            s += v[((k.first[y] + i) * outWidth + x) * channels + c] * k.weights[y][i];
                        }
                        out[(y * outWidth + x) * channels + c] = (float) s;
                    }
                }
            }
            v = out;
        }
        return v;
    }

    /** Pillow's {@code precompute_coeffs}. */
    private Coefficients coefficients(int inSize, int outSize) {
        double scale = (double) inSize / outSize;
        double filterScale = Math.max(scale, 1);
        double reach = support * filterScale;
        double inverse = 1 / filterScale;
        int[] first = new int[outSize];
        int[] count = new int[outSize];
        double[][] weights = new double[outSize][];
        for (int o = 0; o < outSize; o++) {
            double centre = (o + 0.5) * scale;
            int lo = Math.max(0, (int) (centre - reach + 0.5));
            int hi = Math.min(inSize, (int) (centre + reach + 0.5));
            double[] w = new double[Math.max(0, hi - lo)];
            double total = 0;
            for (int i = 0; i < w.length; i++) {
                w[i] = weight((i + lo - centre + 0.5) * inverse);
                total += w[i];
            }
            for (int i = 0; i < w.length; i++) {
                w[i] = total != 0 ? w[i] / total : w[i];
            }
            first[o] = lo;
            count[o] = w.length;
            weights[o] = w;
        }
        return new Coefficients(first, count, weights);
    }

    private record Coefficients(int[] first, int[] count, double[][] weights) {
    }
}
