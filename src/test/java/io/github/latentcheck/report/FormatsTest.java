package io.github.latentcheck.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class FormatsTest {
    @Test
    void pValuesThatUnderflowAreShownFromTheirLogarithm() {
        assertThat(Formats.pValue(0.25, Math.log(0.25))).isEqualTo("0.25");
        assertThat(Formats.pValue(1.5e-20, Math.log(1.5e-20))).isEqualTo("1.5e-20");
        assertThat(Formats.pValue(0, -1804 * Math.log(10))).isEqualTo("1e-1804");
        assertThat(Formats.pValue(0, -4153.614345785696)).as("3000 vs 3000 separated, KS").isEqualTo("1.283e-1804");
        assertThat(Formats.pValue(0, Math.log(9.99996) - 400 * Math.log(10))).isEqualTo("1e-399");
        assertThat(Formats.pValue(0, Double.NEGATIVE_INFINITY)).isEqualTo("0");
    }

    @Test
    void oneFormatForEveryMagnitude() {
        assertThat(Formats.number(10080.3)).as("no 1.008e+04 beside 9741").isEqualTo("10080");
        assertThat(Formats.number(9741.0)).isEqualTo("9741");
        assertThat(Formats.number(0.99999996)).as("no 1.000 beside 1").isEqualTo("1");
        assertThat(Formats.number(1L)).isEqualTo("1");
        assertThat(Formats.number(0.03)).isEqualTo("0.03");
        assertThat(Formats.number(0.011934)).isEqualTo("0.01193");
        assertThat(Formats.number(-0.98989898989899)).isEqualTo("-0.9899");
        assertThat(Formats.number(1.0144e-272)).isEqualTo("1.014e-272");
        assertThat(Formats.number(0.00049999)).isEqualTo("5e-4");
        assertThat(Formats.number(2.5e7 + 0.5)).isEqualTo("2.5e7");
        assertThat(Formats.number(Double.NaN)).isEqualTo("NaN");
        assertThat(Formats.number(Double.POSITIVE_INFINITY)).isEqualTo("∞");
    }

    @Test
    void timestampsToTheSecond() {
        assertThat(Formats.timestamp(Instant.parse("2026-12-07T01:26:53.974782987Z"))).isEqualTo("2026-12-07 01:26:53 UTC");
        assertThat(Formats.percent(0.125)).isEqualTo("12.5 %");
    }
}
