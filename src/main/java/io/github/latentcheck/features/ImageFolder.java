package io.github.latentcheck.features;

import io.github.latentcheck.InvalidInputException;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * A folder of PNG and JPEG files ({@code .png}, {@code .jpg}, {@code .jpeg}, any case), in the order of their
 * names (Java's {@link String#compareTo}), decoded one at a time with {@link ImageIO}. Hidden files (a name that
 * starts with '.') are skipped; any other file, or a sub-folder, is refused, so that a stray file is not silently
 * left out of a data set.
 *
 * <p>Decoding: a gray image without a palette gives 1 channel, its samples divided by \(2^{bits} - 1\) (8- and
 * 16-bit PNG alike); every other image (RGB, palette, with alpha) gives 3 channels from ImageIO's 8-bit sRGB
 * ({@link BufferedImage#getRGB}) divided by 255, alpha dropped.
 */
public final class ImageFolder implements ImageSource {
    private final Path folder;
    private final List<Path> files;

    private ImageFolder(Path folder, List<Path> files) {
        this.folder = folder;
        this.files = files;
    }

    /**
     * @param folder a folder of images
     * @return the images, not yet decoded
     * @throws InvalidInputException if the folder is missing, empty, or holds a file that is not a PNG or JPEG
     */
    public static ImageFolder of(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new InvalidInputException(folder + ": no such folder of images");
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString())).toList();
        } catch (IOException e) {
            throw new InvalidInputException(folder + ": cannot list: " + e.getMessage(), e);
        }
        for (Path f : files) {
            String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
            if (!Files.isRegularFile(f) || !(name.endsWith(".png") || name.endsWith(".jpg") || name.endsWith(".jpeg"))) {
                throw new InvalidInputException(f + ": is not a .png, .jpg or .jpeg file; a folder of images holds "
                        + "only those (and hidden files)");
            }
        }
        if (files.isEmpty()) {
            throw new InvalidInputException(folder + ": holds no .png, .jpg or .jpeg file");
        }
        return new ImageFolder(folder, files);
    }

    /** @return the image files, in order */
    public List<Path> files() {
        return files;
    }

    @Override
    public int size() {
        return files.size();
    }

    @Override
    public Image read(int index) {
        Path file = files.get(index);
        BufferedImage image;
        try {
            image = ImageIO.read(file.toFile());
        } catch (IOException e) {
            throw new InvalidInputException(file + ": is not an image ImageIO can decode: " + e.getMessage(), e);
        }
        if (image == null) {
            throw new InvalidInputException(file + ": is not a PNG or JPEG image ImageIO can decode");
        }
        return decode(image);
    }

    static Image decode(BufferedImage image) {
        int h = image.getHeight();
        int w = image.getWidth();
        ColorModel cm = image.getColorModel();
        if (cm.getNumColorComponents() == 1 && !(cm instanceof IndexColorModel)) {
            Raster raster = image.getRaster();
            double max = (1L << cm.getComponentSize(0)) - 1;
            float[] v = new float[h * w];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    v[y * w + x] = (float) (raster.getSample(x, y, 0) / max);
                }
            }
            return Image.of(h, w, 1, v);
        }
        float[] v = new float[h * w * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = image.getRGB(x, y);
                int at = (y * w + x) * 3;
                v[at] = ((rgb >> 16) & 0xFF) / 255f;
                v[at + 1] = ((rgb >> 8) & 0xFF) / 255f;
                v[at + 2] = (rgb & 0xFF) / 255f;
            }
        }
        return Image.of(h, w, 3, v);
    }

    /** The SHA-256 over every file's name and bytes, in order. */
    @Override
    public String contentHash() {
        MessageDigest d = Hashing.sha256();
        for (Path f : files) {
            d.update(f.getFileName().toString().getBytes(StandardCharsets.UTF_8));
            d.update((byte) 0);
            d.update(Hashing.ofFile(f).getBytes(StandardCharsets.US_ASCII));
        }
        return Hashing.hex(d);
    }

    @Override
    public String name(int index) {
        return files.get(index).toString();
    }

    @Override
    public String description() {
        return folder.toString();
    }
}
