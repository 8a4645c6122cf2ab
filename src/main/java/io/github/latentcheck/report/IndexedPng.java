package io.github.latentcheck.report;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.IntStream;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Encodes a chart as an 8-bit palette PNG: a chart has a few flat colours and their anti-aliased
 * blends, so the {@value #COLOURS} most frequent colours keep it visually unchanged while the file is
 * about a third of a true-colour PNG, which keeps a report of 2× (HiDPI) charts within its size
 * budget. The palette is the most frequent colours, most frequent first (ties: the smaller RGB value
 * first); a colour outside the palette is drawn in its nearest palette colour (squared RGB distance,
 * ties: the earlier palette colour).
 * Written here rather than taken from a library: the JDK's ImageIO writes palette PNGs but has no
 * quantizer, and none of the project's dependencies has one; the file itself is written here too
 * ({@link #png}). The colours are counted in a table of
 * primitive ints ({@link ColourCounts}): a map of boxed colours took about two seconds of CPU per report
 * in a cold JVM.
 */
final class IndexedPng {
    static final int COLOURS = 256;
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private IndexedPng() {
    }

    static byte[] encode(BufferedImage image) throws IOException {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] rgb = pixels(image);
        ColourCounts counts = new ColourCounts();
        // Most of a chart is runs of one colour (the background, flat series): a run is counted at once.
        int runColour = rgb.length > 0 ? rgb[0] & 0xffffff : 0;
        int runLength = 0;
        for (int i = 0; i < rgb.length; i++) {
            int colour = rgb[i] & 0xffffff;
            rgb[i] = colour;
            if (colour != runColour) {
                counts.add(runColour, runLength);
                runColour = colour;
                runLength = 0;
            }
            runLength++;
        }
        if (runLength > 0) {
            counts.add(runColour, runLength);
        }
        int distinct = counts.size();
        int[] colours = new int[distinct];
        int[] frequency = new int[distinct];
        counts.copyTo(colours, frequency);
        int[] palette = IntStream.range(0, distinct).boxed()
                .sorted((a, b) -> frequency[a] != frequency[b] ? Integer.compare(frequency[b], frequency[a])
                        : Integer.compare(colours[a], colours[b]))
                .limit(COLOURS).mapToInt(i -> colours[i]).toArray();
        for (int i = 0; i < palette.length; i++) {
            counts.setIndex(palette[i], i);
        }
        for (int i = 0; i < distinct; i++) {
            if (counts.index(colours[i]) < 0) {
                counts.setIndex(colours[i], nearest(palette, colours[i]));
            }
        }
        // Scanlines: a filter byte (0, none: the PNG specification's advice for palette images) and
        // one palette index per pixel.
        byte[] scanlines = new byte[Math.multiplyExact(w + 1, h)];
        int previous = -1;
        byte index = 0;
        for (int y = 0; y < h; y++) {
            int at = y * (w + 1) + 1;
            for (int x = 0; x < w; x++) {
                int colour = rgb[y * w + x];
                if (colour != previous) {
                    index = (byte) counts.index(colour);
                    previous = colour;
                }
                scanlines[at + x] = index;
            }
        }
        return png(w, h, palette, scanlines);
    }

    /**
     * A PNG file (ISO/IEC 15948, W3C PNG 2nd ed.): signature, IHDR (8-bit palette, no interlace), PLTE,
     * one zlib IDAT, IEND, each chunk with its CRC-32. Written here rather than by ImageIO, whose PNG
     * writer tries five filters on every row and took half of a chart's time in a cold JVM; the file
     * is a valid PNG that every decoder reads alike.
     */
    private static byte[] png(int w, int h, int[] palette, byte[] scanlines) throws IOException {
        ByteArrayOutputStream file = new ByteArrayOutputStream(scanlines.length / 8);
        DataOutputStream out = new DataOutputStream(file);
        out.write(SIGNATURE);
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        DataOutputStream ihdr = new DataOutputStream(header);
        ihdr.writeInt(w);
        ihdr.writeInt(h);
        ihdr.writeByte(8);
        ihdr.writeByte(3);
        ihdr.writeByte(0);
        ihdr.writeByte(0);
        ihdr.writeByte(0);
        chunk(out, "IHDR", header.toByteArray());
        byte[] plte = new byte[palette.length * 3];
        for (int i = 0; i < palette.length; i++) {
            plte[3 * i] = (byte) (palette[i] >> 16);
            plte[3 * i + 1] = (byte) (palette[i] >> 8);
            plte[3 * i + 2] = (byte) palette[i];
        }
        chunk(out, "PLTE", plte);
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION);
        ByteArrayOutputStream compressed = new ByteArrayOutputStream(scanlines.length / 8);
        try {
            deflater.setInput(scanlines);
            deflater.finish();
            byte[] buffer = new byte[1 << 16];
            while (!deflater.finished()) {
                compressed.write(buffer, 0, deflater.deflate(buffer));
            }
        } finally {
            deflater.end();
        }
        chunk(out, "IDAT", compressed.toByteArray());
        chunk(out, "IEND", new byte[0]);
        return file.toByteArray();
    }

    private static void chunk(DataOutputStream out, String type, byte[] data) throws IOException {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        out.writeInt(data.length);
        out.write(name);
        out.write(data);
        out.writeInt((int) crc.getValue());
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

        void add(int colour, int times) {
            int i = slot(colour);
            if (keys[i] == EMPTY) {
                keys[i] = colour;
                indices[i] = EMPTY;
                if (++size * 2 > keys.length) {
                    grow();
                    i = slot(colour);
                }
            }
            counts[i] += times;
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
