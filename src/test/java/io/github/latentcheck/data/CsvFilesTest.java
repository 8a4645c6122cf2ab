package io.github.latentcheck.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.latentcheck.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading {@code .csv} files: what is accepted and every refusal. */
class CsvFilesTest {
    @TempDir
    Path dir;

    private Path csv(String content) throws IOException {
        return Files.writeString(dir.resolve("data.csv"), content, StandardCharsets.UTF_8);
    }

    private static void assertRefused(Path file, String expectedAfterPath) {
        assertThatThrownBy(() -> SampleFiles.readSamples(file))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(file + ": " + expectedAfterPath);
    }

    @Test
    void readsHeaderNamesAndNumbers() throws IOException {
        Path file = csv("a,b\n1,2.5\n-3,1e-3\n");

        Samples samples = SampleFiles.readSamples(file);

        assertThat(samples.columnNames()).containsExactly("a", "b");
        assertThat(samples.precision()).isEqualTo(Precision.FLOAT64);
        assertThat(samples.toArray()).isEqualTo(new double[] {1, 2.5, -3, 1e-3});
    }

    @Test
    void acceptsCrLfNoTrailingNewlineTrailingBlankLinesQuotedNamesAndBom() throws IOException {
        Path crlf = csv("\uFEFF\"x0\",\"x1\"\r\n1,2\r\n3,4\r\n\r\n\n");
        Path bare = Files.writeString(dir.resolve("bare.CSV"), "x0,x1\n1,2\n3,4");

        assertThat(SampleFiles.readSamples(crlf).columnNames()).containsExactly("x0", "x1");
        assertThat(SampleFiles.readSamples(crlf).toArray()).isEqualTo(new double[] {1, 2, 3, 4});
        assertThat(SampleFiles.readSamples(bare).toArray()).isEqualTo(new double[] {1, 2, 3, 4});
    }

    @Test
    void readsSamplesAndLatentsAsFloat64Exactly() throws IOException {
        Path file = csv("z\n0.1\n0.30000000000000004\n1e39\n1.0000000001e-50\n");
        double[] expected = {0.1, 0.30000000000000004, 1e39, 1.0000000001e-50};

        assertThat(SampleFiles.readLatents(file).toArray()).isEqualTo(expected);
        assertThat(SampleFiles.readSamples(file).toArray()).isEqualTo(expected);
    }

    @Test
    void refusesNumbersJavaWouldTakeButCsvWritersDoNotWrite() throws IOException {
        assertRefused(csv("x\n1f\n"), "line 2, column 'x': not a number: '1f'");
        assertRefused(csv("x\n1\n2d\n"), "line 3, column 'x': not a number: '2d'");
        assertRefused(csv("x\n0x1p3\n"), "line 2, column 'x': not a number: '0x1p3'");
        assertThat(SampleFiles.readSamples(csv("x\n-.5\n+2.\n 3E+2 \n")).toArray())
                .containsExactly(-0.5, 2, 300);
    }

    @Test
    void refusesAHeaderRowOfNumbers() throws IOException {
        assertRefused(csv("1.5,2\n3,4\n"), "line 1: the header row holds numbers, not column names (1.5,2); add a "
                + "header row of names such as x0,x1,...");
    }

    @Test
    void selectsColumnsInTheGivenOrderSkippingOthers() throws IOException {
        Path file = csv("id,x0,x1\nfirst,1,2\nsecond,3,4\n");

        Samples samples = SampleFiles.readSamples(file, List.of("x1", "x0"));

        assertThat(samples.columnNames()).containsExactly("x1", "x0");
        assertThat(samples.toArray()).isEqualTo(new double[] {2, 1, 4, 3});
    }

    @Test
    void refusesUnknownRepeatedOrNoColumnSelection() throws IOException {
        Path file = csv("x0,x1\n1,2\n");

        assertThatThrownBy(() -> SampleFiles.readSamples(file, List.of("x2")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(file + ": no column named 'x2'; the columns are [x0, x1]");
        assertThatThrownBy(() -> SampleFiles.readSamples(file, List.of("x0", "x0")))
                .hasMessage(file + ": column 'x0' is selected twice");
        assertThatThrownBy(() -> SampleFiles.readSamples(file, List.of()))
                .hasMessage(file + ": no columns selected; the columns are [x0, x1]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"NaN", "Infinity", "-Infinity", "nan", "inf", "-inf", "+Inf", "INFINITY"})
    void refusesNonFiniteValuesNamingLineAndColumn(String cell) throws IOException {
        Path file = csv("x0,x1\n1,2\n3," + cell + "\n");

        assertRefused(file, "line 3, column 'x1': value must be finite: '" + cell + "'");
        assertThatThrownBy(() -> SampleFiles.readLatents(file))
                .hasMessage(file + ": line 3, column 'x1': value must be finite: '" + cell + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "1,5", "\"1.5\"", "1..2", "infinite", "nana"})
    void refusesNonNumericCellsNamingLineAndColumn(String cell) throws IOException {
        Path file = csv("x0\n1\n" + cell + "\n");

        assertThatThrownBy(() -> SampleFiles.readSamples(file))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(file + ": line 3");
        if (cell.indexOf(',') < 0) {
            assertRefused(file, "line 3, column 'x0': not a number: '" + cell + "'");
        }
    }

    @Test
    void refusesEmptyCell() throws IOException {
        assertRefused(csv("x0,x1\n1,\n"), "line 2, column 'x1': empty cell; expected a number");
    }

    @Test
    void refusesRaggedLinesNamingBothCounts() throws IOException {
        assertRefused(csv("x0,x1\n1,2\n3,4,5\n"), "line 3 has 3 cells but the header has 2");
        assertRefused(csv("x0,x1\n1\n"), "line 2 has 1 cells but the header has 2");
    }

    @Test
    void refusesEmptyFile() throws IOException {
        assertRefused(csv(""), "is empty; expected a header row of column names");
    }

    @Test
    void refusesHeaderOnly() throws IOException {
        assertRefused(csv("x0,x1\n"), "has no data rows, only the header");
        assertRefused(csv("x0,x1"), "has no data rows, only the header");
        assertRefused(csv("x0,x1\n\n\n"), "has no data rows, only the header");
    }

    @Test
    void refusesBlankHeader() throws IOException {
        assertRefused(csv("\n1,2\n"), "line 1: the header row is blank; expected column names");
    }

    @Test
    void refusesDuplicateHeaderNames() throws IOException {
        assertRefused(csv("x0,x1,\"x0\"\n1,2,3\n"), "line 1: duplicate column name 'x0' (columns 1 and 3)");
    }

    @Test
    void refusesEmptyHeaderNames() throws IOException {
        assertRefused(csv("x0,,x2\n1,2,3\n"), "line 1: column 2 of the header has an empty name");
    }

    @Test
    void refusesBlankLineBeforeMoreData() throws IOException {
        assertRefused(csv("x0\n1\n\n2\n"), "line 3 is blank but data follows on line 4");
    }

    @Test
    void refusesTextThatIsNotUtf8() throws IOException {
        Path file = Files.write(dir.resolve("latin1.csv"), new byte[] {'x', (byte) 0xe9, '\n', '1', '\n'});

        assertRefused(file, "is not UTF-8 text");
    }

    @Test
    void readsAMillionRows() throws IOException {
        StringBuilder text = new StringBuilder("x0,x1\n");
        for (int i = 0; i < 1_000_000; i++) {
            text.append(i).append(',').append(i * 0.5f).append('\n');
        }
        Path file = csv(text.toString());

        Samples samples = SampleFiles.readSamples(file);

        assertThat(samples.rows()).isEqualTo(1_000_000);
        assertThat(samples.value(999_999, 1)).isEqualTo(999_999 * 0.5f);
    }
}
