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
