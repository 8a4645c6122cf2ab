package io.github.latentcheck.assertj;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * Numbers in failure messages, as the reports show them: integers as integers, other values with 4
 * significant digits (trailing zeros dropped), very small or large ones in scientific notation. The reports' own formatter is
 * package-private in {@code report} (not API), so the few lines are repeated here rather than made public.
 */
final class Numbers {
    private Numbers() {
    }

    static String format(Number value) {
        if (value instanceof Long || value instanceof Integer) {
            return Long.toString(value.longValue());
        }
        return format(value.doubleValue());
    }

    static String format(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return Double.toString(v);
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        double a = Math.abs(v);
        if (a < 1e-3 || a >= 1e6) {
            return String.format(Locale.ROOT, "%.3e", v);
        }
        return new BigDecimal(String.format(Locale.ROOT, "%.4g", v)).stripTrailingZeros().toPlainString();
    }
}
