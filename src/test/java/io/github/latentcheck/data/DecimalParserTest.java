package io.github.latentcheck.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fast decimal parser must agree bit for bit with the JDK's parsers. */
class DecimalParserTest {
    private static final int CASES = 20_000;

    private static void assertAgrees(String cell) {
        String padded = "ab," + cell + ",cd";
        int from = 3;
        int to = 3 + cell.length();
        assertThat(Float.floatToRawIntBits(DecimalParser.parseFloat(padded, from, to)))
                .as("float of '%s'", cell)
                .isEqualTo(Float.floatToRawIntBits(Float.parseFloat(cell)));
        assertThat(Double.doubleToRawLongBits(DecimalParser.parseDouble(padded, from, to)))
                .as("double of '%s'", cell)
                .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(cell)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-0", "+0", "0.0", "-0.000", "1", "-1", "1.", ".5", "-.5", "1e-3", "1E3", "1e+3",
        "-2.5e-7", "123456789012345678", "1234567890123456789", "0.1", "0.30000000000000004", "9007199254740993",
        "1e22", "1e23", "1e-22", "1e-23", "3.4028235e38", "3.4028236e38", "1e39", "1.4e-45", "1e-46",
        "1.42650974", "-0.00977524742", "-8.84558629989624", "1.0000000596046448", "00000001.5000", "1.5f", "1.5d", " 2 ", "0x1p3", "NaN", "Infinity",
        "-Infinity", "1e00000000001", "4.9e-324", "1.7976931348623157e308", "16777217", "16777219"})
    void agreesOnChosenCells(String cell) {
        assertAgrees(cell);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "-", "+", ".", "e5", "1e", "1e+", "1.2.3", "1,5", "abc", "nan", "inf", "--1",
        "1-", "\"1\"", "1 2"})
    void refusesWhatTheJdkRefuses(String cell) {
        assertThatThrownBy(() -> Float.parseFloat(cell)).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> DecimalParser.parseFloat(cell, 0, cell.length()))
                .isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> DecimalParser.parseDouble(cell, 0, cell.length()))
                .isInstanceOf(NumberFormatException.class);
    }

    @Test
    void agreesOnFloatsWrittenWithNineSignificantDigits() {
        SplittableRandom random = new SplittableRandom(20240601L);
        for (int i = 0; i < CASES; i++) {
            float value = Float.intBitsToFloat(random.nextInt());
            if (Float.isFinite(value)) {
                assertAgrees(String.format(Locale.ROOT, "%.9g", value));
                assertAgrees(Float.toString(value));
            }
        }
    }

    @Test
    void agreesOnDoublesNearTheUnitScale() {
        SplittableRandom random = new SplittableRandom(20240602L);
        for (int i = 0; i < CASES; i++) {
            double value = random.nextGaussian() * Math.pow(10, random.nextInt(-12, 13));
            assertAgrees(Double.toString(value));
            assertAgrees(String.format(Locale.ROOT, "%." + random.nextInt(1, 18) + "g", value));
        }
    }

    /** Decimals of 15 to 17 digits whose nearest double is exactly halfway between two floats. */
    @Test
    void agreesOnDecimalsThatRoundToAFloatMidpoint() {
        SplittableRandom random = new SplittableRandom(20240603L);
        for (int i = 0; i < CASES; i++) {
            float low = (float) (random.nextDouble(-1000, 1000));
            double midpoint = ((double) low + Math.nextUp(low)) / 2;
            for (int digits = 15; digits <= 17; digits++) {
                assertAgrees(String.format(Locale.ROOT, "%." + digits + "g", midpoint));
            }
        }
    }
}
