package io.github.latentcheck.report;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Encodes a chart as an 8-bit palette PNG: a chart has a few flat colours and their anti-aliased
 * blends, so the {@value #COLOURS} most frequent colours keep it visually unchanged while the file is
 * about a third of a true-colour PNG, which keeps a report of 2× (HiDPI) charts within its size
 * budget. A colour outside the palette is drawn in its nearest palette colour (squared RGB distance).
 * Written here rather than taken from a library: the JDK's ImageIO writes palette PNGs but has no
 * quantizer, and none of the project's dependencies has one.
 */
final class IndexedPng {
    static final int COLOURS = 256;

    private IndexedPng() {
    }

    static byte[] encode(BufferedImage image) throws IOException {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] rgb = image.getRGB(0, 0, w, h, null, 0, w);
        Map<Integer, Integer> frequency = new HashMap<>();
        for (int p : rgb) {
            frequency.merge(p & 0xffffff, 1, Integer::sum);
        }
        int[] palette = frequency.entrySet().stream()
                .sorted(Map.Entry.<Integer, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(COLOURS).mapToInt(Map.Entry::getKey).toArray();
        byte[] r = new byte[palette.length];
        byte[] g = new byte[palette.length];
        byte[] b = new byte[palette.length];
        Map<Integer, Integer> index = new HashMap<>();
        for (int i = 0; i < palette.length; i++) {
            r[i] = (byte) (palette[i] >> 16);
            g[i] = (byte) (palette[i] >> 8);
            b[i] = (byte) palette[i];
            index.put(palette[i], i);
        }
        IndexColorModel model = new IndexColorModel(8, palette.length, r, g, b);
        BufferedImage indexed = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_INDEXED, model);
        WritableRaster raster = indexed.getRaster();
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                row[x] = index.computeIfAbsent(rgb[y * w + x] & 0xffffff, c -> nearest(palette, c));
            }
            raster.setPixels(0, y, w, 1, row);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(indexed, "png", bytes);
        return bytes.toByteArray();
    }

    private static int nearest(int[] palette, int colour) {
        int best = 0;
        long bestDistance = Long.MAX_VALUE;
        for (int i = 0; i < palette.length; i++) {
            long dr = ((palette[i] >> 16) & 0xff) - ((colour >> 16) & 0xff);
            long dg = ((palette[i] >> 8) & 0xff) - ((colour >> 8) & 0xff);
            long db = (palette[i] & 0xff) - (colour & 0xff);
            long d = dr * dr + dg * dg + db * db;
            if (d < bestDistance) {
                bestDistance = d;
                best = i;
            }
        }
        return best;
    }
}
