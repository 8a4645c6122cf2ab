package io.github.latentcheck.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.latentcheck.InvalidInputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MappedNpyFileTest {
    @TempDir
    Path dir;

    private static Samples random(int rows, int columns, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] v = new float[rows * columns];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) rng.nextGaussian();
        }
        return Samples.ofOwned(rows, columns, v);
    }

    /** Writes a float64 .npy file (format 1.0) by hand. */
    static Path writeFloat64(Path file, int rows, int columns, double[] values) throws IOException {
        String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (" + rows + ", " + columns + "), }";
        int unpadded = 10 + dict.length() + 1;
        String header = dict + " ".repeat((64 - unpadded % 64) % 64) + "\n";
        ByteBuffer out = ByteBuffer.allocate(10 + header.length() + values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        out.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        out.putShort((short) header.length());
        out.put(header.getBytes(StandardCharsets.ISO_8859_1));
        for (double v : values) {
            out.putDouble(v);
        }
        Files.write(file, out.array());
        return file;
    }

    @Test
    void rowsAcrossSeveralMappingsEqualTheFileReadIntoMemory() {
        Samples s = random(101, 7, 1);
        Path file = dir.resolve("rows.npy");
        SampleFiles.write(file, s);
        MappedNpyFile mapped = MappedNpyFile.open(file, 7 * 4 * 10);
        assertThat(mapped.rows()).isEqualTo(101);
        assertThat(mapped.columns()).isEqualTo(7);
        float[] all = new float[101 * 7];
        mapped.copyRows(0, 101, all);
        assertThat(all).containsExactly(s.toFloatArray());
        float[] middle = new float[25 * 7];
        mapped.copyRows(8, 33, middle);
        for (int r = 8; r < 33; r++) {
            float[] row = new float[7];
            System.arraycopy(middle, (r - 8) * 7, row, 0, 7);
            assertThat(row).containsExactly(s.slice(r, r + 1).toFloatArray());
            assertThat(mapped.row(r)).containsExactly(s.row(r));
        }
    }

    @Test
    void float64IsReadExactlyAndRoundedToFloat32ForScreening() throws IOException {
        double[] values = new double[30 * 3];
        SplittableRandom rng = new SplittableRandom(2);
        for (int i = 0; i < values.length; i++) {
            values[i] = rng.nextGaussian() * 1e3;
        }
        Path file = writeFloat64(dir.resolve("wide.npy"), 30, 3, values);
        MappedNpyFile mapped = MappedNpyFile.open(file, 3 * 8 * 4);
        float[] all = new float[90];
        mapped.copyRows(0, 30, all);
        assertThat(all).containsExactly(SampleFiles.readSamples(file).toFloatArray());
        double[] exact = new double[90];
        mapped.copyRows(0, 30, exact, 0);
        assertThat(exact).containsExactly(values);
        assertThat(SampleFiles.readSamples(file).toArray()).containsExactly(values);
        assertThat(mapped.precision()).isEqualTo(Precision.FLOAT64);
    }

    @Test
    void aValueThatIsNotFiniteIsReportedWithFileRowAndColumnWhenRead() throws IOException {
        double[] values = new double[20 * 2];
        values[13 * 2 + 1] = Double.NaN;
        Path file = writeFloat64(dir.resolve("nan.npy"), 20, 2, values);
        MappedNpyFile mapped = MappedNpyFile.open(file);
        float[] head = new float[10 * 2];
        mapped.copyRows(0, 10, head);
        assertThatThrownBy(() -> mapped.copyRows(10, 20, new float[20])).isInstanceOf(InvalidInputException.class)
                .hasMessage(file + ": NaN at row 13, column 1 (0-based); values must be finite");
        assertThatThrownBy(() -> SampleFiles.readSamples(file)).hasMessage(
                file + ": NaN at row 13, column 1 (0-based); values must be finite");
        values[13 * 2 + 1] = 1e300;
        writeFloat64(file, 20, 2, values);
        assertThat(MappedNpyFile.open(file).row(13)).containsExactly(values[26], 1e300);
    }

    @Test
    void rejectsFilesThatCannotBeMapped() throws IOException {
        Path csv = dir.resolve("rows.csv");
        assertThatThrownBy(() -> MappedNpyFile.open(csv)).isInstanceOf(InvalidInputException.class)
                .hasMessage(csv + ": unknown file type; only .npy files can be memory-mapped");
        Path missing = dir.resolve("missing.npy");
        assertThatThrownBy(() -> MappedNpyFile.open(missing)).hasMessage(missing + ": no such file");
        Path file = dir.resolve("short.npy");
        SampleFiles.write(file, random(10, 4, 3));
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 4));
        assertThatThrownBy(() -> MappedNpyFile.open(file)).isInstanceOf(InvalidInputException.class)
                .hasMessage(file + ": truncated data: shape (10, 4) of '<f4' needs 160 bytes, found 156");
        assertThatThrownBy(() -> SampleFiles.readSamples(file))
                .hasMessage(file + ": truncated data: shape (10, 4) of '<f4' needs 160 bytes, found 156");
        assertThat(MappedNpyFile.openIfLarge(file)).as("small: left to the reader").isEmpty();
    }
}
