package io.github.latentcheck.report;

import java.util.Locale;

/** How numbers are shown to people in reports: integers as integers, reals with 4 significant digits. */
final class Formats {
    private Formats() {
    }

    static String number(Number value) {
        if (value instanceof Long || value instanceof Integer) {
            return Long.toString(value.longValue());
        }
        return number(value.doubleValue());
    }

    /** @return the bound a gate applied, with the baseline value when the gate is relative */
    static String bound(io.github.latentcheck.gate.GateResult gate) {
        return gate.gate().comparison().symbol() + " " + number(gate.bound())
                + (gate.gate().isRelative() ? " (baseline " + number(gate.baseline()) + ")" : "");
    }

    /**
     * A p-value as people read it: {@link #number(double)} while the p-value is a normal double, otherwise
     * from its natural logarithm, so that a p-value that underflows shows as e.g. {@code 4.400e-1804},
     * never as 0 (only a p-value that is exactly 0, with logarithm −∞, shows as 0).
     *
     * @param p the p-value
     * @param logP its natural logarithm, computed directly by the test
     * @return the p-value with 4 significant digits
     */
    static String pValue(double p, double logP) {
        if (p >= Double.MIN_NORMAL || Double.isNaN(logP) || logP == Double.NEGATIVE_INFINITY) {
            return number(p);
        }
        double log10 = logP / Math.log(10);
        double exponent = Math.floor(log10);
        double mantissa = Math.pow(10, log10 - exponent);
        if (Math.round(mantissa * 1000) >= 10_000) {
            mantissa /= 10;
            exponent++;
        }
        return String.format(Locale.ROOT, "%.3fe%d", mantissa, (long) exponent);
    }

    static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        double a = Math.abs(v);
        if (a != 0 && (a < 1e-3 || a >= 1e6)) {
            return String.format(Locale.ROOT, "%.3e", v);
        }
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
