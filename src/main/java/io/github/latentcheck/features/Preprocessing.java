package io.github.latentcheck.features;

import io.github.latentcheck.InvalidInputException;
import java.util.Arrays;
import java.util.Locale;

/**
 * The exact preprocessing that turns an {@link Image} (values in [0, 1]) into one input of an embedding model:
 * <ol>
 * <li>channels: a gray image is repeated into 3 channels for an RGB model; an RGB image is reduced to gray for a
 * 1-channel model with ITU-R BT.601 luma, \(0.299 R + 0.587 G + 0.114 B\) (Pillow's {@code convert("L")}
 * without its rounding to 8 bits);</li>
 * <li>size: resized to {@code height × width} with the {@link ResizeFilter} (Pillow's, on float values), unless
 * it has that size already;</li>
 * <li>range: \(v \mapsto low + v\,(high - low)\), e.g. [0, 255] or [-1, 1];</li>
 * <li>normalisation per channel: \((v - mean_c) / std_c\);</li>
 * <li>layout: {@code NCHW} (torch) or {@code NHWC} (TensorFlow), float32.</li>
 * </ol>
 * Immutable; {@link #key()} names it in the feature cache's key.
 */
public final class Preprocessing {
    /** How one image's values are laid out in the model's input tensor. */
    public enum Layout {
        /** {@code [batch, channels, height, width]} */
        NCHW,
        /** {@code [batch, height, width, channels]} */
        NHWC
    }

    private final Layout layout;
    private final int height;
    private final int width;
    private final int channels;
    private final ResizeFilter filter;
    private final double low;
    private final double high;
    private final double[] mean;
    private final double[] std;

    private Preprocessing(Layout layout, int height, int width, int channels, ResizeFilter filter, double low,
            double high, double[] mean, double[] std) {
        this.layout = layout;
        this.height = height;
        this.width = width;
        this.channels = channels;
        this.filter = filter;
        this.low = low;
        this.high = high;
        this.mean = mean;
        this.std = std;
    }

    /**
     * @param layout the tensor layout
     * @param height the model's input rows
     * @param width the model's input columns
     * @param channels 1 or 3
     * @param filter the resize filter
     * @param low the value black maps to
     * @param high the value white maps to
     * @param mean per channel (one value for all, or one per channel)
     * @param std per channel (one value for all, or one per channel), each positive
     * @return the preprocessing
     * @throws InvalidInputException naming the rule broken
     */
    public static Preprocessing of(Layout layout, int height, int width, int channels, ResizeFilter filter,
            double low, double high, double[] mean, double[] std) {
        if (height < 1 || width < 1) {
            throw new InvalidInputException("size is not at least [1, 1]: [" + height + ", " + width + "]");
        }
        if (channels != 1 && channels != 3) {
            throw new InvalidInputException("channels is not 1 or 3: " + channels);
        }
        if (!(high != low) || !Double.isFinite(low) || !Double.isFinite(high)) {
            throw new InvalidInputException("range is not two different finite values: [" + low + ", " + high + "]");
        }
        double[] m = perChannel("mean", mean, channels);
        double[] s = perChannel("std", std, channels);
        for (int c = 0; c < channels; c++) {
            if (!(s[c] > 0) || !Double.isFinite(s[c]) || !Double.isFinite(m[c])) {
                throw new InvalidInputException("std is not positive and finite (or mean not finite) for channel "
                        + c + ": mean " + m[c] + ", std " + s[c]);
            }
        }
        return new Preprocessing(layout, height, width, channels, filter, low, high, m, s);
    }

    private static double[] perChannel(String name, double[] v, int channels) {
        if (v.length == 1) {
            double[] all = new double[channels];
            Arrays.fill(all, v[0]);
            return all;
        }
        if (v.length != channels) {
            throw new InvalidInputException(name + " has " + v.length + " values; give 1 or one per channel ("
                    + channels + ")");
        }
        return v.clone();
    }

    /** @return the tensor layout */
    public Layout layout() {
        return layout;
    }

    /** @return the model's input rows */
    public int height() {
        return height;
    }

    /** @return the model's input columns */
    public int width() {
        return width;
    }

    /** @return 1 or 3 */
    public int channels() {
        return channels;
    }

    /** @return the values per image in the model's input */
    public int values() {
        return channels * height * width;
    }

    /** @return the shape of a batch of n inputs, in the layout */
    long[] shape(int n) {
        return layout == Layout.NCHW ? new long[] {n, channels, height, width} : new long[] {n, height, width, channels};
    }

    /**
     * @return every setting, as one line: what the feature cache's key and the report name
     */
    public String key() {
        return String.format(Locale.ROOT, "layout=%s size=%dx%d channels=%d resize=%s range=[%s,%s] mean=%s std=%s",
                layout, height, width, channels, filter.name().toLowerCase(Locale.ROOT), low, high,
                Arrays.toString(mean), Arrays.toString(std));
    }

    @Override
    public String toString() {
        return key();
    }

    /**
     * Writes one preprocessed image into a batch's input.
     *
     * @param image the image
     * @param target the batch's input values
     * @param offset where this image's {@link #values()} start
     */
    void apply(Image image, float[] target, int offset) {
        int h = image.height();
        int w = image.width();
        float[] hwc = new float[h * w * channels];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int at = (y * w + x) * channels;
                if (image.channels() == channels) {
                    for (int c = 0; c < channels; c++) {
                        hwc[at + c] = image.value(y, x, c);
                    }
                } else if (channels == 3) {
                    float g = image.value(y, x, 0);
                    hwc[at] = g;
                    hwc[at + 1] = g;
                    hwc[at + 2] = g;
                } else {
                    hwc[at] = (float) (0.299 * image.value(y, x, 0) + 0.587 * image.value(y, x, 1)
                            + 0.114 * image.value(y, x, 2));
                }
            }
        }
        float[] sized = filter.resize(hwc, h, w, channels, height, width);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                for (int c = 0; c < channels; c++) {
                    double v = low + sized[(y * width + x) * channels + c] * (high - low);
                    float out = (float) ((v - mean[c]) / std[c]);
                    int at = layout == Layout.NCHW ? (c * height + y) * width + x : (y * width + x) * channels + c;
                    target[offset + at] = out;
                }
            }
        }
    }
}
