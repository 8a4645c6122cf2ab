package io.github.latentcheck.report;

import io.github.latentcheck.chart.ImageGrid;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.ImageIO;

/** Renders one image of an {@link ImageGrid} as a grayscale PNG, each pixel drawn as a square block. */
final class ImageGridRenderer {
    /** The larger side of a rendered image is about this many screen pixels. */
    static final int TARGET_SIZE = 72;

    private ImageGridRenderer() {
    }

    /** @return the magnification applied to every pixel of the grid's images */
    static int scale(ImageGrid grid) {
        return Math.max(1, TARGET_SIZE / Math.max(grid.height(), grid.width()));
    }

    static byte[] png(ImageGrid grid, ImageGrid.Image image) throws IOException {
        int scale = scale(grid);
        int h = grid.height();
        int w = grid.width();
        double[] pixels = image.pixels();
        BufferedImage out = new BufferedImage(w * scale, h * scale, BufferedImage.TYPE_BYTE_GRAY);
        double span = grid.high() - grid.low();
        for (int y = 0; y < h * scale; y++) {
            for (int x = 0; x < w * scale; x++) {
                double v = (pixels[(y / scale) * w + x / scale] - grid.low()) / span;
                int g = (int) Math.round(255 * Math.max(0, Math.min(1, v)));
                out.getRaster().setSample(x, y, 0, g);
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(out, "png", bytes);
        return bytes.toByteArray();
    }
}
