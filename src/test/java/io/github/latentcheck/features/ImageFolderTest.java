package io.github.latentcheck.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.latentcheck.InvalidInputException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Decoding PNG and JPEG folders, and refusing what is not an image, naming the file. */
class ImageFolderTest {
    @TempDir
    Path dir;

    @Test
    void grayRgbPaletteAndSixteenBitImagesDecodeToUnitValues() throws IOException {
        BufferedImage gray = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_GRAY);
        gray.getRaster().setSample(0, 0, 0, 51);
        gray.getRaster().setSample(1, 0, 0, 255);
        ImageIO.write(gray, "png", dir.resolve("a-gray.png").toFile());
        BufferedImage rgb = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB);
        rgb.setRGB(0, 0, 0x80FF3300);
        ImageIO.write(rgb, "png", dir.resolve("b-rgba.png").toFile());
        BufferedImage wide = new BufferedImage(1, 1, BufferedImage.TYPE_USHORT_GRAY);
        wide.getRaster().setSample(0, 0, 0, 65535 / 5);
        ImageIO.write(wide, "png", dir.resolve("c-16bit.png").toFile());
        BufferedImage palette = new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_INDEXED);
        palette.setRGB(0, 0, 0xFFFFFFFF);
        ImageIO.write(palette, "png", dir.resolve("d-palette.PNG").toFile());
        Files.writeString(dir.resolve(".hidden"), "skipped");

        ImageFolder folder = ImageFolder.of(dir);
        assertThat(folder.size()).isEqualTo(4);
        Image a = folder.read(0);
        assertThat(a.channels()).isEqualTo(1);
        assertThat(a.value(0, 0, 0)).isEqualTo(0.2f);
        assertThat(a.value(0, 1, 0)).isEqualTo(1f);
        Image b = folder.read(1);
        assertThat(b.channels()).isEqualTo(3);
        assertThat(new float[] {b.value(0, 0, 0), b.value(0, 0, 1), b.value(0, 0, 2)})
                .containsExactly(1f, 0.2f, 0f);
        assertThat(folder.read(2).value(0, 0, 0)).isEqualTo(0.2f);
        assertThat(folder.read(3).channels()).isEqualTo(3);
        assertThat(folder.read(3).value(0, 0, 1)).isEqualTo(1f);
    }

    @Test
    void aFileThatIsNoImageIsNamed() throws IOException {
        Files.writeString(dir.resolve("broken.png"), "not a png");
        assertThatThrownBy(() -> ImageFolder.of(dir).read(0)).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(dir.resolve("broken.png") + ": is not ");
    }

    @Test
    void aStrayFileOrAnEmptyFolderIsRefused() throws IOException {
        assertThatThrownBy(() -> ImageFolder.of(dir)).hasMessage(dir + ": holds no .png, .jpg or .jpeg file");
        Files.writeString(dir.resolve("notes.txt"), "x");
        assertThatThrownBy(() -> ImageFolder.of(dir)).isInstanceOf(InvalidInputException.class)
                .hasMessage(dir.resolve("notes.txt") + ": is not a .png, .jpg or .jpeg file; a folder of images "
                        + "holds only those (and hidden files)");
        assertThatThrownBy(() -> ImageFolder.of(dir.resolve("missing"))).hasMessage(dir.resolve("missing")
                + ": no such folder of images");
    }
}
