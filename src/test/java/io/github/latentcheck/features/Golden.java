package io.github.latentcheck.features;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** The golden vectors of fixtures/features/golden.csv and golden-dynamic.csv (make_digits_cnn.py): one row per case and row. */
final class Golden {
    static final Path DIR = Path.of("fixtures", "features");
    static final Path MODEL = DIR.resolve("digits-cnn.onnx");
    static final Path IMAGES = DIR.resolve("images");
    /** The random-weight CNN whose input height and width are dynamic (golden-dynamic.csv). */
    static final Path DYNAMIC = DIR.resolve("pooled-dynamic.onnx");

    private Golden() {
    }

    static double[] values(String caseName, int row) {
        return values("golden.csv", caseName, row);
    }

    static double[] values(String file, String caseName, int row) {
        try {
            for (String line : Files.readAllLines(DIR.resolve(file))) {
                String[] cells = line.split(",", 3);
                if (!line.startsWith("#") && cells[0].equals(caseName) && cells[1].equals(Integer.toString(row))) {
                    return Arrays.stream(cells[2].split(" ")).mapToDouble(Double::parseDouble).toArray();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalArgumentException("no golden row " + caseName + "," + row);
    }

    /** The fixture CNN's preprocessing (digits-cnn.json): NCHW, 8 x 8, gray, [0, 1], mean 0.5, std 0.5. */
    static Preprocessing digits() {
        return Preprocessing.of(Preprocessing.Layout.NCHW, 8, 8, 1, ResizeFilter.BILINEAR, 0, 1,
                new double[] {0.5}, new double[] {0.5});
    }
}
