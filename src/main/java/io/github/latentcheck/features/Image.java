package io.github.latentcheck.features;

import io.github.latentcheck.InvalidInputException;

/**
 * One decoded image: {@code height × width × channels} values in [0, 1], row-major with the channels of a pixel
 * adjacent (HWC), 1 channel (gray) or 3 (RGB). Immutable.
 */
public final class Image {
    private final int height;
    private final int width;
    private final int channels;
    private final float[] values;

    private Image(int height, int width, int channels, float[] values) {
        this.height = height;
        this.width = width;
        this.channels = channels;
        this.values = values;
    }

    /**
     * @param height rows, at least 1
     * @param width columns, at least 1
     * @param channels 1 or 3
     * @param hwc {@code height · width · channels} values in [0, 1], HWC (copied)
     * @return the image
     * @throws InvalidInputException if the sizes are not positive, channels is not 1 or 3, or the count differs
     */
    public static Image of(int height, int width, int channels, float[] hwc) {
        if (height < 1 || width < 1) {
            throw new InvalidInputException("an image's height and width are not at least 1: " + height + " x " + width);
        }
        if (channels != 1 && channels != 3) {
            throw new InvalidInputException("an image has 1 (gray) or 3 (RGB) channels, not " + channels);
        }
        if (hwc.length != (long) height * width * channels) {
            throw new InvalidInputException("an image of " + height + " x " + width + " x " + channels + " has "
                    + (long) height * width * channels + " values, not " + hwc.length);
        }
        return new Image(height, width, channels, hwc.clone());
    }

    /** @return the rows */
    public int height() {
        return height;
    }

    /** @return the columns */
    public int width() {
        return width;
    }

    /** @return 1 (gray) or 3 (RGB) */
    public int channels() {
        return channels;
    }

    /**
     * @param y the row
     * @param x the column
     * @param c the channel
     * @return the value there, in [0, 1]
     */
    public float value(int y, int x, int c) {
        return values[(y * width + x) * channels + c];
    }
}
