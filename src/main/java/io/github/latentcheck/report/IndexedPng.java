package io.github.latentcheck.report;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
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
 * quantizer, and none of the project's dependencies has one. The colours are counted in a table of
 * primitive ints ({@link ColourCounts}): a map of boxed colours took about two seconds of CPU per report
 * in a cold JVM.
 */
final class IndexedPng {
    static final int COLOURS = 256;

    private IndexedPng() {
    }

    static byte[] encode(BufferedImage image) throws IOException {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] rgb = pixels(image);
        ColourCounts counts = new ColourCounts();
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] &= 0xffffff;
            counts.add(rgb[i]);
        }
        int distinct = counts.size();
        int[] colours = new int[distinct];
        int[] frequency = new int[distinct];
        counts.copyTo(colours, frequency);
        int[] palette = IntStream.range(0, distinct).boxed()
                .sorted((a, b) -> frequency[a] != frequency[b] ? Integer.compare(frequency[b], frequency[a])
                        : Integer.compare(colours[a], colours[b]))
                .limit(COLOURS).mapToInt(i -> colours[i]).toArray();
        byte[] r = new byte[palette.length];
        byte[] g = new byte[palette.length];
        byte[] b = new byte[palette.length];
        for (int i = 0; i < palette.length; i++) {
            r[i] = (byte) (palette[i] >> 16);
            g[i] = (byte) (palette[i] >> 8);
            b[i] = (byte) palette[i];
            counts.setIndex(palette[i], i);
        }
        for (int i = 0; i < distinct; i++) {
            if (counts.index(colours[i]) < 0) {
                counts.setIndex(colours[i], nearest(palette, colours[i]));
            }
        }
        IndexColorModel model = new IndexColorModel(8, palette.length, r, g, b);
        BufferedImage indexed = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_INDEXED, model);
        byte[] indices = ((DataBufferByte) indexed.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < rgb.length; i++) {
            indices[i] = (byte) counts.index(rgb[i]);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(indexed, "png", bytes);
        return bytes.toByteArray();
    }

    /**
     * @return the image's pixels as 0xRRGGBB, row by row: a copy of the raster's ints for the charts'
     *     {@code TYPE_INT_RGB} images (converting them one by one through the colour model, as
     *     {@code getRGB} does, cost as much as counting them), through {@code getRGB} otherwise
     */
    private static int[] pixels(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_INT_RGB
                && image.getRaster().getDataBuffer() instanceof DataBufferInt
                && image.getRaster().getDataBuffer().getNumBanks() == 1
                && image.getRaster().getWidth() * image.getRaster().getHeight()
                        == image.getRaster().getDataBuffer().getSize()) {
            return ((DataBufferInt) image.getRaster().getDataBuffer()).getData().clone();
        }
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }

    /**
     * Colour counts and palette indices in an open-addressing table of primitive ints (linear probing,
     * kept at most half full): one pass over the pixels, where sorting a copy of the 777,600 pixels of a
     * 2× chart and a binary search per pixel took most of the encoder's time.
     */
    private static final class ColourCounts {
        private static final int EMPTY = -1;
        private int[] keys = emptyKeys(1 << 10);
        private int[] counts = new int[1 << 10];
        private int[] indices = new int[1 << 10];
        private int size;

        private static int[] emptyKeys(int capacity) {
            int[] k = new int[capacity];
            Arrays.fill(k, EMPTY);
            return k;
        }

        private int slot(int colour) {
            int mask = keys.length - 1;
            int i = (colour * 0x9E3779B1) >>> Integer.numberOfLeadingZeros(mask);
            while (keys[i] != EMPTY && keys[i] != colour) {
                i = i + 1 & mask;
            }
            return i;
        }

        void add(int colour) {
            int i = slot(colour);
            if (keys[i] == EMPTY) {
                keys[i] = colour;
                indices[i] = EMPTY;
                if (++size * 2 > keys.length) {
                    grow();
                    i = slot(colour);
                }
            }
            counts[i]++;
        }

        private void grow() {
            int[] oldKeys = keys;
            int[] oldCounts = counts;
            keys = emptyKeys(oldKeys.length * 2);
            counts = new int[keys.length];
            indices = new int[keys.length];
            for (int j = 0; j < oldKeys.length; j++) {
                if (oldKeys[j] != EMPTY) {
                    int i = slot(oldKeys[j]);
                    keys[i] = oldKeys[j];
                    counts[i] = oldCounts[j];
                    indices[i] = EMPTY;
                }
            }
        }

        int size() {
            return size;
        }

        /** Copies the colours in increasing order and their counts. */
        void copyTo(int[] colours, int[] frequency) {
            int n = 0;
            for (int key : keys) {
                if (key != EMPTY) {
                    colours[n++] = key;
                }
            }
            Arrays.sort(colours);
            for (int j = 0; j < n; j++) {
                frequency[j] = counts[slot(colours[j])];
            }
        }

        int index(int colour) {
            return indices[slot(colour)];
        }

        void setIndex(int colour, int index) {
            indices[slot(colour)] = index;
        }
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
