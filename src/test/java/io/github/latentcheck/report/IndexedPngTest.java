package io.github.latentcheck.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.zip.CRC32;
import java.util.zip.Inflater;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * The palette PNG against its definition, worked out here the slow and obvious way: the palette is the
 * 256 most frequent colours (ties: smaller RGB first), every pixel is drawn in the palette colour
 * nearest to it (squared RGB distance, ties: the earlier palette colour). Exact: integers throughout.
 */
class IndexedPngTest {
    private static BufferedImage image(int w, int h, int colours, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] choices = random.ints(colours, 0, 1 << 24).toArray();
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                // Skewed towards the first colours, so frequencies differ and some tie.
                int pick = Math.min(random.nextInt(colours), random.nextInt(colours));
                image.setRGB(x, y, choices[pick]);
            }
        }
        return image;
    }

    private static List<Integer> expectedPalette(int[] rgb) {
        Map<Integer, Long> counts = IntStream.of(rgb).boxed().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        return counts.entrySet().stream()
                .sorted(Map.Entry.<Integer, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                .limit(IndexedPng.COLOURS).map(Map.Entry::getKey).collect(Collectors.toList());
    }

    private static long distance(int a, int b) {
        long d = 0;
        for (int shift = 0; shift <= 16; shift += 8) {
            long c = ((a >> shift) & 0xff) - ((b >> shift) & 0xff);
            d += c * c;
        }
        return d;
    }

    private static void assertEncodesByDefinition(BufferedImage source) throws Exception {
        int w = source.getWidth();
        int h = source.getHeight();
        int[] rgb = IntStream.of(source.getRGB(0, 0, w, h, null, 0, w)).map(p -> p & 0xffffff).toArray();
        List<Integer> palette = expectedPalette(rgb);

        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(IndexedPng.encode(source)));
        IndexColorModel model = (IndexColorModel) decoded.getColorModel();
        // The decoder may pad a short palette to 256 entries; the pixels below use only the first ones.
        assertThat(model.getMapSize()).isGreaterThanOrEqualTo(palette.size());
        List<Integer> decodedPalette = IntStream.range(0, palette.size()).mapToObj(i -> model.getRGB(i) & 0xffffff)
                .collect(Collectors.toList());
        assertThat(decodedPalette).isEqualTo(palette);
        int[] indices = decoded.getRaster().getPixels(0, 0, w, h, (int[]) null);
        for (int i = 0; i < rgb.length; i++) {
            int colour = rgb[i];
            int expected = IntStream.range(0, palette.size()).boxed()
                    .min(Comparator.<Integer>comparingLong(k -> distance(palette.get(k), colour)).thenComparing(k -> k)).orElseThrow();
            assertThat(indices[i]).as("pixel %d", i).isEqualTo(expected);
        }
    }

    @Test
    void fewerColoursThanThePaletteAreKeptExactly() throws Exception {
        assertEncodesByDefinition(image(64, 48, 40, 1));
    }

    @Test
    void moreColoursThanThePaletteKeepTheMostFrequentAndDrawTheRestInTheNearest() throws Exception {
        assertEncodesByDefinition(image(120, 90, 2000, 2));
    }

    /**
     * The file read byte by byte against the PNG specification (W3C PNG 2nd ed., §5 and §11): the
     * signature, then IHDR (8-bit palette, no interlace), PLTE, IDAT and IEND, each chunk's CRC-32 over
     * its type and data, and scanlines of a filter byte 0 and one index per pixel.
     */
    @Test
    void theFileIsAPaletteImageWithValidChunks() throws Exception {
        BufferedImage source = image(100, 30, 2000, 3);
        ByteBuffer png = ByteBuffer.wrap(IndexedPng.encode(source));
        byte[] signature = new byte[8];
        png.get(signature);
        assertThat(signature).containsExactly(0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n');
        List<String> types = new ArrayList<>();
        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        int paletteSize = 0;
        while (png.hasRemaining()) {
            int length = png.getInt();
            byte[] typeAndData = new byte[4 + length];
            png.get(typeAndData);
            CRC32 crc = new CRC32();
            crc.update(typeAndData);
            String type = new String(typeAndData, 0, 4, StandardCharsets.US_ASCII);
            assertThat(png.getInt()).as(type + " CRC").isEqualTo((int) crc.getValue());
            ByteBuffer data = ByteBuffer.wrap(typeAndData, 4, length);
            switch (type) {
                case "IHDR" -> {
                    assertThat(data.getInt()).isEqualTo(100);
                    assertThat(data.getInt()).isEqualTo(30);
                    assertThat(new byte[] {data.get(), data.get(), data.get(), data.get(), data.get()})
                            .as("bit depth 8, colour type 3 (palette), compression, filter and interlace 0")
                            .containsExactly(8, 3, 0, 0, 0);
                }
                case "PLTE" -> paletteSize = length / 3;
                case "IDAT" -> idat.write(typeAndData, 4, length);
                default -> assertThat(length).as(type).isZero();
            }
            types.add(type);
        }
        assertThat(types).containsExactly("IHDR", "PLTE", "IDAT", "IEND");
        assertThat(paletteSize).isEqualTo(IndexedPng.COLOURS);
        Inflater inflater = new Inflater();
        inflater.setInput(idat.toByteArray());
        byte[] scanlines = new byte[101 * 30 + 1];
        assertThat(inflater.inflate(scanlines)).isEqualTo(101 * 30);
        assertThat(inflater.finished()).isTrue();
        for (int y = 0; y < 30; y++) {
            assertThat(scanlines[y * 101]).as("row " + y + " filter").isZero();
        }
    }
}
