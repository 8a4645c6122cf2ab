package io.github.latentcheck.report;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;

/**
 * Encodes a chart as an 8-bit palette PNG: a chart has a few flat colours and their anti-aliased
 * blends, so the {@value #COLOURS} most frequent colours keep it visually unchanged while the file is
 * about a third of a true-colour PNG, which keeps a report of 2× (HiDPI) charts within its size
 * budget. The palette is the most frequent colours, most frequent first (ties: the smaller RGB value
 * first); a colour outside the palette is drawn in its nearest palette colour (squared RGB distance,
 * ties: the earlier palette colour).
 * Written here rather than taken from a library: the JDK's ImageIO writes palette PNGs but has no
 * quantizer, and none of the project's dependencies has one. The colours are counted on a sorted copy
 * of the pixels and looked up by binary search, in primitive arrays: a map of boxed colours took
 * about two seconds of CPU per report in a cold JVM.
 */
final class IndexedPng {
    static final int COLOURS = 256;

    private IndexedPng() {
    }

    static byte[] encode(BufferedImage image) throws IOException {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] rgb = image.getRGB(0, 0, w, h, null, 0, w);
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] &= 0xffffff;
        }
        int[] sorted = rgb.clone();
        Arrays.sort(sorted);
        int[] colours = new int[sorted.length];
        int[] counts = new int[sorted.length];
        int distinct = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (distinct == 0 || colours[distinct - 1] != sorted[i]) {
                colours[distinct++] = sorted[i];
            }
            counts[distinct - 1]++;
        }
        int[] palette = IntStream.range(0, distinct).boxed()
                .sorted((a, b) -> counts[a] != counts[b] ? Integer.compare(counts[b], counts[a]) : Integer.compare(colours[a], colours[b]))
                .limit(COLOURS).mapToInt(i -> colours[i]).toArray();
        int[] paletteIndex = new int[distinct];
        Arrays.fill(paletteIndex, -1);
        byte[] r = new byte[palette.length];
        byte[] g = new byte[palette.length];
        byte[] b = new byte[palette.length];
        for (int i = 0; i < palette.length; i++) {
            r[i] = (byte) (palette[i] >> 16);
            g[i] = (byte) (palette[i] >> 8);
            b[i] = (byte) palette[i];
            paletteIndex[Arrays.binarySearch(colours, 0, distinct, palette[i])] = i;
        }
        for (int i = 0; i < distinct; i++) {
            if (paletteIndex[i] < 0) {
                paletteIndex[i] = nearest(palette, colours[i]);
            }
        }
        IndexColorModel model = new IndexColorModel(8, palette.length, r, g, b);
        BufferedImage indexed = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_INDEXED, model);
        WritableRaster raster = indexed.getRaster();
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                row[x] = paletteIndex[Arrays.binarySearch(colours, 0, distinct, rgb[y * w + x])];
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
