package io.github.latentcheck.report;

import io.github.latentcheck.gate.GateResult;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * How numbers are shown to people in every report (HTML, Markdown, JUnit XML): one format throughout.
 * Integers as integers; reals rounded to {@value #DIGITS} significant digits with trailing zeros
 * dropped, so that {@code 1} and {@code 0.9999996} both read {@code 1} and never {@code 1.000};
 * plain notation from 10<sup>-3</sup> to below 10<sup>6</sup> (so {@code 10080} sits beside
 * {@code 9741}, not {@code 1.008e+04}), otherwise {@code 1.283e-7}; NaN as {@code NaN}.
 */
final class Formats {
    /** Significant digits of a real number. */
    static final int DIGITS = 4;
    private static final MathContext ROUNDING = new MathContext(DIGITS, RoundingMode.HALF_EVEN);

    private Formats() {
    }

    static String number(Number value) {
        if (value instanceof Long || value instanceof Integer) {
            return Long.toString(value.longValue());
        }
        return number(value.doubleValue());
    }

    /** @return the bound a gate applied, with the baseline value when the gate is relative */
    static String bound(GateResult gate) {
        return gate.gate().comparison().symbol() + " " + number(gate.bound())
                + (gate.gate().isRelative() ? " (baseline " + number(gate.baseline()) + ")" : "");
    }

    /**
     * A p-value as people read it: {@link #number(double)} while the p-value is a normal double, otherwise
     * from its natural logarithm, so that a p-value that underflows shows as e.g. {@code 4.4e-1804},
     * never as 0 (only a p-value that is exactly 0, with logarithm −∞, shows as 0).
     *
     * @param p the p-value
     * @param logP its natural logarithm, computed directly by the test
     * @return the p-value with at most 4 significant digits
     */
    static String pValue(double p, double logP) {
        if (p >= Double.MIN_NORMAL || Double.isNaN(logP) || logP == Double.NEGATIVE_INFINITY) {
            return number(p);
        }
        double log10 = logP / Math.log(10);
        long exponent = (long) Math.floor(log10);
        BigDecimal mantissa = new BigDecimal(Math.pow(10, log10 - exponent)).round(ROUNDING);
        if (mantissa.compareTo(BigDecimal.TEN) >= 0) {
            mantissa = BigDecimal.ONE;
            exponent++;
        }
        return plain(mantissa) + "e" + exponent;
    }

    static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "∞" : "-∞";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        BigDecimal rounded = new BigDecimal(v).round(ROUNDING);
        double a = Math.abs(rounded.doubleValue());
        if (a < 1e-3 || a >= 1e6) {
            int exponent = rounded.precision() - rounded.scale() - 1;
            return plain(rounded.movePointLeft(exponent)) + "e" + exponent;
        }
        return plain(rounded);
    }

    private static String plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }

    /** @return a percentage with at most one decimal, e.g. {@code 12.5 %} */
    static String percent(double fraction) {
        return number(Math.round(fraction * 1000) / 10.0) + " %";
    }

    /** @return an instant in UTC to the second, e.g. {@code 2026-12-07 01:26:53 UTC} */
    static String timestamp(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString().replace('T', ' ').replace("Z", " UTC");
    }

    /** @return a duration in seconds, e.g. {@code 16.7 s} */
    static String seconds(java.time.Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1e3);
    }
}
