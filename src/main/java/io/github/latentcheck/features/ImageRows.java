package io.github.latentcheck.features;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.data.Samples;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * Rows of values read as image tensors: each row of {@code C·H·W} values is one image of shape {@code [H, W]}
 * (gray) or {@code [C, H, W]} (C = 1 or 3, channel-first, as torch writes them), row-major; values in
 * {@code [low, high]} (the {@code data_range}) are mapped to [0, 1] by \((v - low)/(high - low)\), not clipped.
 * Generated samples ({@code onnx}, {@code images} generators) and {@code .npy}/{@code .csv} data files are read
 * this way.
 */
public final class ImageRows implements ImageSource {
    private final Samples rows;
    private final int channels;
    private final int height;
    private final int width;
    private final double low;
    private final double high;
    private final String description;
    private final String hash;

    private ImageRows(Samples rows, int channels, int height, int width, double low, double high, String description,
            String hash) {
        this.rows = rows;
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.low = low;
        this.high = high;
        this.description = description;
        this.hash = hash;
    }

    /**
     * @param rows the rows
     * @param shape {@code [H, W]} or {@code [C, H, W]}, C = 1 or 3, whose product is the number of columns
     * @param low the value that means black
     * @param high the value that means white, above low
     * @param description where the rows come from, for messages
     * @param hash the SHA-256 of the file they were read from, or null to hash the values when asked
     * @return the images
     * @throws InvalidInputException if the shape does not fit the rows or the range is empty
     */
    public static ImageRows of(Samples rows, int[] shape, double low, double high, String description, String hash) {
        if (shape.length != 2 && shape.length != 3) {
            throw new InvalidInputException(description + ": image_shape is [H, W] or [C, H, W], not "
                    + Arrays.toString(shape));
        }
        int c = shape.length == 3 ? shape[0] : 1;
        int h = shape[shape.length - 2];
        int w = shape[shape.length - 1];
        if (c != 1 && c != 3 || h < 1 || w < 1 || (long) c * h * w != rows.columns()) {
            throw new InvalidInputException(description + ": image_shape " + Arrays.toString(shape) + " does not "
                    + "describe its rows of " + rows.columns() + " values as images of 1 or 3 channels");
        }
        if (!(high > low) || !Double.isFinite(high - low)) {
            throw new InvalidInputException(description + ": data_range is not [low, high] with low < high: ["
                    + low + ", " + high + "]");
        }
        return new ImageRows(rows, c, h, w, low, high, description, hash);
    }

    @Override
    public int size() {
        return rows.rows();
    }

    @Override
    public Image read(int index) {
        float[] hwc = new float[channels * height * width];
        double span = high - low;
        for (int c = 0; c < channels; c++) {
            for (int p = 0; p < height * width; p++) {
                hwc[p * channels + c] = (float) ((rows.value(index, c * height * width + p) - low) / span);
            }
        }
        return Image.of(height, width, channels, hwc);
    }

    @Override
    public String contentHash() {
        String layout = "|" + channels + "x" + height + "x" + width + "|" + low + "," + high;
        if (hash != null) {
            return Hashing.ofString(hash + layout);
        }
        MessageDigest d = Hashing.sha256();
        ByteBuffer row = ByteBuffer.allocate(Double.BYTES * rows.columns());
        for (int i = 0; i < rows.rows(); i++) {
            row.clear();
            for (double v : rows.row(i)) {
                row.putDouble(v);
            }
            d.update(row.array());
        }
        return Hashing.ofString(Hashing.hex(d) + layout);
    }

    @Override
    public String name(int index) {
        return description + " row " + index + " (0-based)";
    }

    @Override
    public String description() {
        return description;
    }
}
