package io.github.latentcheck.data;

import static io.github.latentcheck.data.NpyBytes.concat;
import static io.github.latentcheck.data.NpyBytes.dict;
import static io.github.latentcheck.data.NpyBytes.f4;
import static io.github.latentcheck.data.NpyBytes.f4BigEndian;
import static io.github.latentcheck.data.NpyBytes.f8;
import static io.github.latentcheck.data.NpyBytes.i4;
import static io.github.latentcheck.data.NpyBytes.i8;
import static io.github.latentcheck.data.NpyBytes.npy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.latentcheck.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reading {@code .npy} files and streams: what is accepted and every refusal. */
class NpyFilesTest {
    @TempDir
    Path dir;

    private Path file(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    private void assertRefused(Path file, String... parts) {
        assertThatThrownBy(() -> SampleFiles.readSamples(file))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(file + ": ")
                .hasMessageContainingAll(parts)
                .hasMessageNotContaining("\n");
    }

    @Test
    void readsVersion1Float32AsGiven() throws IOException {
        Path file = file("a.npy", npy(dict("<f4", "(2, 3)"), f4(1, 2, 3, 4, 5, 6.5f)));

        Samples samples = SampleFiles.readSamples(file);

        assertThat(samples.rows()).isEqualTo(2);
        assertThat(samples.columns()).isEqualTo(3);
        assertThat(samples.toFloatArray()).isEqualTo(new float[] {1, 2, 3, 4, 5, 6.5f});
        assertThat(samples.columnNames()).containsExactly("x0", "x1", "x2");
    }

    @Test
    void readsVersion2And3Headers() throws IOException {
        Path v2 = file("v2.npy", npy(2, dict("<f4", "(1, 2)"), f4(0.5f, -0.25f)));
        Path v3 = file("v3.npy", npy(3, dict("<f4", "(2,)"), f4(7, 8)));

        assertThat(SampleFiles.readSamples(v2).toFloatArray()).isEqualTo(new float[] {0.5f, -0.25f});
        assertThat(SampleFiles.readSamples(v3).toFloatArray()).isEqualTo(new float[] {7, 8});
    }

    @Test
    void readsDoubleQuotedKeysAndNoTrailingComma() throws IOException {
        Path file = file("q.npy", npy("{\"descr\": \"<f4\", \"shape\": (1, 1), \"fortran_order\": False}", f4(3)));

        assertThat(SampleFiles.readSamples(file).toFloatArray()).isEqualTo(new float[] {3});
    }

    @Test
    void readsOneDimensionalArrayAsOneColumn() throws IOException {
        Path file = file("flat.npy", npy(dict("<f4", "(3,)"), f4(1, 2, 3)));

        Samples samples = SampleFiles.readSamples(file);

        assertThat(samples.rows()).isEqualTo(3);
        assertThat(samples.columns()).isEqualTo(1);
        assertThat(samples.column(0)).containsExactly(1, 2, 3);
    }

    @Test
    void readsFloat64SamplesAndLatentsExactly() throws IOException {
        double third = 1.0 / 3;
        Path file = file("f8.npy", npy(dict("<f8", "(2, 2)"), f8(0.1, third, -1e-300, 1e30)));

        Samples samples = SampleFiles.readSamples(file);
        Latents latents = SampleFiles.readLatents(file);

        assertThat(samples.precision()).isEqualTo(Precision.FLOAT64);
        assertThat(samples.toArray()).isEqualTo(new double[] {0.1, third, -1e-300, 1e30});
        assertThat(latents.toArray()).isEqualTo(new double[] {0.1, third, -1e-300, 1e30});
    }

    @Test
    void readsFloat32AsLatentsWidenedExactly() throws IOException {
        Path file = file("f4.npy", npy(dict("<f4", "(1, 2)"), f4(0.1f, 1e-45f)));

        assertThat(SampleFiles.readLatents(file).toArray()).isEqualTo(new double[] {0.1f, 1e-45f});
    }

    @Test
    void selectsColumnsByName() throws IOException {
        Path file = file("sel.npy", npy(dict("<f4", "(2, 3)"), f4(1, 2, 3, 4, 5, 6)));

        Samples samples = SampleFiles.readSamples(file, List.of("x2", "x0"));

        assertThat(samples.columnNames()).containsExactly("x2", "x0");
        assertThat(samples.toFloatArray()).isEqualTo(new float[] {3, 1, 6, 4});
    }

    @Test
    void refusesUnknownColumnNamingTheAvailableOnes() throws IOException {
        Path file = file("sel.npy", npy(dict("<f4", "(1, 2)"), f4(1, 2)));

        assertThatThrownBy(() -> SampleFiles.readSamples(file, List.of("x0", "y")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(file + ": no column named 'y'; the columns are [x0, x1]");
    }

    @Test
    void refusesBadMagic() throws IOException {
        Path file = file("magic.npy", "x0,x1\n1,2\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));

        assertRefused(file, "not a .npy file", "magic");
    }

    @Test
    void refusesUnsupportedVersion() throws IOException {
        byte[] bytes = npy(dict("<f4", "(1,)"), f4(1));
        bytes[6] = 4;

        assertRefused(file("v4.npy", bytes), "format version 4.0");
    }

    @Test
    void refusesTruncatedHeader() throws IOException {
        byte[] whole = npy(dict("<f4", "(1, 2)"), f4(1, 2));

        assertRefused(file("head.npy", Arrays.copyOf(whole, 30)), "truncated .npy header: it needs 128 bytes, found 30");
        assertRefused(file("len.npy", Arrays.copyOf(whole, 9)), "truncated .npy header: it needs 10 bytes, found 9");
    }

    @Test
    void refusesTruncatedData() throws IOException {
        byte[] whole = npy(dict("<f4", "(20000, 2)"), f4(new float[40000]));

        assertRefused(file("data.npy", Arrays.copyOf(whole, whole.length - 3)),
                "truncated data", "(20000, 2)", "'<f4'", "needs 160000 bytes, found 159997");
    }

    @Test
    void refusesExtraTrailingBytes() throws IOException {
        Path file = file("extra.npy", concat(npy(dict("<f4", "(1, 2)"), f4(1, 2)), new byte[] {0, 0, 0}));

        assertRefused(file, "3 extra bytes after the array data");
    }

    @Test
    void refusesBigEndian() throws IOException {
        assertRefused(file("be.npy", npy(dict(">f4", "(1, 2)"), f4BigEndian(1, 2))), "big-endian", "'>f4'");
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "<i4; 4; int32",
        "<i8; 8; int64",
        "|u1; 1; uint8",
        "|b1; 1; bool",
        "|O; 8; Python object",
        "<c8; 8; complex64",
        "<U3; 12; unicode string",
        "|S4; 4; byte string",
        "<f2; 2; float16",
    })
    void refusesNonFloatDtypesNamingThem(String descr, int itemBytes, String description) throws IOException {
        Path file = file("dtype.npy", npy(dict(descr, "(2,)"), new byte[2 * itemBytes]));

        assertRefused(file, "dtype '" + descr + "' (" + description + ") is not supported");
    }

    @Test
    void refusesStructuredDtype() throws IOException {
        String dict = "{'descr': [('a', '<f4'), ('b', '<f4')], 'fortran_order': False, 'shape': (1,), }";

        assertRefused(file("rec.npy", npy(dict, f4(1, 2))), "structured dtype [('a', '<f4'), ('b', '<f4')]");
    }

    @Test
    void refusesFortranOrder() throws IOException {
        String dict = "{'descr': '<f4', 'fortran_order': True, 'shape': (2, 2), }";

        assertRefused(file("f.npy", npy(dict, f4(1, 2, 3, 4))), "fortran_order True");
    }

    @Test
    void refusesRankThree() throws IOException {
        assertRefused(file("r3.npy", npy(dict("<f4", "(2, 2, 2)"), f4(new float[8]))), "shape (2, 2, 2)", "rank 3");
    }

    @Test
    void refusesRankZero() throws IOException {
        assertRefused(file("r0.npy", npy(dict("<f4", "()"), f4(1))), "shape ()", "rank 0");
    }

    @Test
    void refusesZeroRows() throws IOException {
        assertRefused(file("rows.npy", npy(dict("<f4", "(0, 2)"), new byte[0])), "shape (0, 2) has 0 rows");
        assertRefused(file("flat.npy", npy(dict("<f4", "(0,)"), new byte[0])), "shape (0,) has 0 rows");
    }

    @Test
    void refusesZeroColumns() throws IOException {
        assertRefused(file("cols.npy", npy(dict("<f4", "(3, 0)"), new byte[0])), "shape (3, 0) has 0 columns");
    }

    @Test
    void refusesMalformedHeaders() throws IOException {
        assertRefused(file("noshape.npy", npy("{'descr': '<f4', 'fortran_order': False, }", f4(1))),
                "malformed .npy header", "'shape'");
        assertRefused(file("key.npy", npy("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), 'x': 1}", f4(1))),
                "malformed .npy header");
        assertRefused(file("neg.npy", npy(dict("<f4", "(-1, 2)"), f4(1))), "malformed .npy header");
    }

    @Test
    void refusesNaNNamingRowAndColumnFromZero() throws IOException {
        Path file = file("nan.npy", npy(dict("<f4", "(3, 2)"), f4(1, 2, 3, Float.NaN, 5, 6)));

        assertRefused(file, "NaN at row 1, column 1 (0-based)", "finite");
        assertThatThrownBy(() -> SampleFiles.readLatents(file)).hasMessageContaining("NaN at row 1, column 1 (0-based)");
    }

    @Test
    void refusesInfinityNamingRowAndColumnFromZero() throws IOException {
        Path file = file("inf.npy", npy(dict("<f8", "(2, 2)"), f8(1, 2, Double.NEGATIVE_INFINITY, 4)));

        assertRefused(file, "-Infinity at row 1, column 0 (0-based)");
        assertThatThrownBy(() -> SampleFiles.readLatents(file)).hasMessageContaining("-Infinity at row 1, column 0");
    }

    @Test
    void readsFloat64BeyondTheFloat32RangeAsSamples() throws IOException {
        Path file = file("big.npy", npy(dict("<f8", "(1, 2)"), f8(1, 1e39)));

        assertThat(SampleFiles.readSamples(file).toArray()).isEqualTo(new double[] {1, 1e39});
        assertThat(SampleFiles.readLatents(file).toArray()).isEqualTo(new double[] {1, 1e39});
    }

    @Test
    void readsIntegerArrays() throws IOException {
        Path int32 = file("c.npy", npy(dict("<i4", "(3,)"), i4(7, -4, 0)));
        Path int64 = file("l.npy", npy(dict("<i8", "(2,)"), i8(2, Integer.MIN_VALUE)));

        assertThat(SampleFiles.readIntegers(int32)).containsExactly(7, -4, 0);
        assertThat(SampleFiles.readIntegers(int64)).containsExactly(2, Integer.MIN_VALUE);
    }

    @Test
    void refusesIntegerArraysThatDoNotFit() throws IOException {
        Path wide = file("wide.npy", npy(dict("<i8", "(2,)"), i8(1, 1L << 40)));
        Path floats = file("f.npy", npy(dict("<f4", "(1,)"), f4(1)));
        Path matrix = file("m.npy", npy(dict("<i4", "(1, 2)"), i4(1, 2)));
        Path csv = file("c.csv", "x0\n1\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));

        assertThatThrownBy(() -> SampleFiles.readIntegers(wide))
                .hasMessage(wide + ": value 1099511627776 at row 1 (0-based) does not fit in a 32-bit int");
        assertThatThrownBy(() -> SampleFiles.readIntegers(floats))
                .hasMessageStartingWith(floats + ": dtype '<f4' (float32) is not supported");
        assertThatThrownBy(() -> SampleFiles.readIntegers(matrix))
                .hasMessageStartingWith(matrix + ": shape (1, 2) is not supported; expected a 1-D integer array");
        assertThatThrownBy(() -> SampleFiles.readIntegers(csv))
                .hasMessageStartingWith(csv + ": unknown file type");
    }

    @Test
    void streamReadsExactlyOneArrayAndLeavesTheStreamOpen() throws IOException {
        byte[] first = npy(dict("<f4", "(1, 2)"), f4(1, 2));
        byte[] second = npy(dict("<f8", "(2,)"), f8(3, 4));
        CloseTrackingStream in = new CloseTrackingStream(concat(first, second));

        Samples a = SampleFiles.readNpy(in, "generator stdout");
        Samples b = SampleFiles.readNpy(in, "generator stdout");

        assertThat(a.toFloatArray()).isEqualTo(new float[] {1, 2});
        assertThat(b.toFloatArray()).isEqualTo(new float[] {3, 4});
        assertThat(in.read()).isEqualTo(-1);
        assertThat(in.closed).isFalse();
    }

    @Test
    void streamRefusalsNameTheSource() {
        assertThatThrownBy(() -> SampleFiles.readNpy(new ByteArrayInputStream(new byte[0]), "generator stdout"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("generator stdout: no .npy array: the input is empty");
        byte[] truncated = Arrays.copyOf(npy(dict("<f4", "(4, 2)"), f4(new float[8])), 128 + 5);
        assertThatThrownBy(() -> SampleFiles.readNpy(new ByteArrayInputStream(truncated), "generator stdout"))
                .hasMessage("generator stdout: truncated data: shape (4, 2) of '<f4' needs 32 bytes, found 5");
    }

    @Test
    void streamWritesLeaveTheStreamOpen() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Samples samples = Samples.of(1, 2, new float[] {1.5f, -2});
        Latents latents = Latents.of(1, 1, new double[] {0.1});

        SampleFiles.writeNpy(bytes, samples);
        SampleFiles.writeNpy(bytes, latents);
        ByteArrayInputStream in = new ByteArrayInputStream(bytes.toByteArray());

        assertThat(SampleFiles.readNpy(in, "s").toFloatArray()).isEqualTo(new float[] {1.5f, -2});
        assertThat(SampleFiles.readNpy(in, "s").toFloatArray()).isEqualTo(new float[] {0.1f});
        assertThat(in.available()).isZero();
    }

    @Test
    void writesTheHeaderNumpyWrites() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        SampleFiles.writeNpy(bytes, Samples.of(20000, 2, new float[40000]));

        byte[] expected = npy(dict("<f4", "(20000, 2)"), new byte[0]);
        assertThat(Arrays.copyOf(bytes.toByteArray(), expected.length)).isEqualTo(expected);
        assertThat(expected.length % 64).isZero();
        assertThat(bytes.size()).isEqualTo(expected.length + 160000);
    }

    /** Records whether a reader closed the stream it was given. */
    private static final class CloseTrackingStream extends ByteArrayInputStream {
        boolean closed;

        CloseTrackingStream(byte[] bytes) {
            super(bytes);
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
