package io.github.latentcheck.chart;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A grid of small grayscale images with captions, independent of any imaging library: each row
 * shows related images side by side (such as a generated sample, its nearest training row and its
 * nearest held-out row). Pixel values are mapped linearly from [{@code low}, {@code high}] to black
 * .. white and clipped. Reporters render it; checks only describe it.
 */
public final class ImageGrid {
    private final String title;
    private final String altText;
    private final int height;
    private final int width;
    private final double low;
    private final double high;
    private final List<Row> rows;

    private ImageGrid(String title, String altText, int height, int width, double low, double high, List<Row> rows) {
        this.title = title;
        this.altText = altText;
        this.height = height;
        this.width = width;
        this.low = low;
        this.high = high;
        this.rows = rows;
    }

    /**
     * @param title the grid's title
     * @param height image height in pixels, at least 1
     * @param width image width in pixels, at least 1
     * @param low the value drawn black
     * @param high the value drawn white, above {@code low}
     * @return an empty grid; add rows with {@link #with(Row)}
     */
    public static ImageGrid of(String title, int height, int width, double low, double high) {
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("image shape is not positive: " + height + " x " + width);
        }
        if (!(high > low)) {
            throw new IllegalArgumentException("high is not above low: " + low + " .. " + high);
        }
        return new ImageGrid(title, title, height, width, low, high, List.of());
    }

    /**
     * @param row a row of images, each {@code height * width} values
     * @return a copy with the row added
     */
    public ImageGrid with(Row row) {
        for (Image image : row.images()) {
            if (image.pixels().length != height * width) {
                throw new IllegalArgumentException("image '" + image.caption() + "' has " + image.pixels().length
                        + " pixels, not " + height + " x " + width);
            }
        }
        List<Row> more = new ArrayList<>(rows);
        more.add(Objects.requireNonNull(row));
        return new ImageGrid(title, altText, height, width, low, high, List.copyOf(more));
    }

    /**
     * @param text what the grid shows, in words
     * @return a copy with that alternative text
     */
    public ImageGrid withAltText(String text) {
        return new ImageGrid(title, text, height, width, low, high, rows);
    }

    /** @return the title */
    public String title() {
        return title;
    }

    /** @return the alternative text */
    public String altText() {
        return altText;
    }

    /** @return image height in pixels */
    public int height() {
        return height;
    }

    /** @return image width in pixels */
    public int width() {
        return width;
    }

    /** @return the value drawn black */
    public double low() {
        return low;
    }

    /** @return the value drawn white */
    public double high() {
        return high;
    }

    /** @return the rows, top to bottom */
    public List<Row> rows() {
        return rows;
    }

    /**
     * One row of the grid.
     *
     * @param label what the row shows, e.g. {@code "sample 17"}
     * @param images the images, left to right
     */
    public record Row(String label, List<Image> images) {
        /** Copies the list. */
        public Row {
            images = List.copyOf(images);
        }
    }

    /**
     * One image, row-major.
     *
     * @param caption shown under the image
     * @param pixels {@code height * width} values, row-major
     */
    public record Image(String caption, double[] pixels) {
        /** Copies the pixels. */
        public Image {
            pixels = pixels.clone();
        }

        @Override
        public double[] pixels() {
            return pixels.clone();
        }
    }
}
