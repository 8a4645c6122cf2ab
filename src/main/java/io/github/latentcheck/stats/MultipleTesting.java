package io.github.latentcheck.stats;

import io.github.latentcheck.InvalidInputException;
import java.util.Arrays;
import java.util.Objects;

/**
 * Multiple-testing corrections of a family of p-values, each returning adjusted p-values in the
 * input order (as R's {@code p.adjust}), so that "reject \(H_i\) when adjusted \(p_i &lt; \alpha\)"
 * controls the family-wise error rate at \(\alpha\) (Bonferroni, Holm) or the false discovery
 * rate at \(\alpha\) (Benjamini–Hochberg, for independent or positively dependent tests).
 *
 * <p>Input rules: the array is non-null and every p-value lies in [0, 1] (NaN is refused). An empty
 * family gives an empty result.
 */
public final class MultipleTesting {
    /** A multiple-testing correction. */
    public enum Correction {
        /** No correction: adjusted p-values equal the p-values. */
        NONE,
        /** Bonferroni: \(\tilde{p}_i = \min(1, m p_i)\). */
        BONFERRONI,
        /** Holm's step-down procedure; uniformly more powerful than Bonferroni. */
        HOLM,
        /** Benjamini–Hochberg's step-up procedure; controls the false discovery rate, not the FWER. */
        BENJAMINI_HOCHBERG
    }

    private MultipleTesting() {
    }

    /**
     * @param correction the correction to apply
     * @param p the p-values of the family
     * @return the adjusted p-values, in the input order
     * @throws InvalidInputException if a p-value is not in [0, 1]
     */
    public static double[] adjust(Correction correction, double[] p) {
        Objects.requireNonNull(correction, "correction");
        return switch (correction) {
            case NONE -> {
                checkPValues(p);
                yield p.clone();
            }
            case BONFERRONI -> bonferroni(p);
            case HOLM -> holm(p);
            case BENJAMINI_HOCHBERG -> benjaminiHochberg(p);
        };
    }

    /**
     * Bonferroni: \(\tilde{p}_i = \min(1, m p_i)\) for a family of \(m\) p-values.
     *
     * @param p the p-values of the family
     * @return the adjusted p-values, in the input order
     * @throws InvalidInputException if a p-value is not in [0, 1]
     */
    public static double[] bonferroni(double[] p) {
        checkPValues(p);
        int m = p.length;
        double[] adjusted = new double[m];
        for (int i = 0; i < m; i++) {
            adjusted[i] = Math.min(1, m * p[i]);
        }
        return adjusted;
    }

    /**
     * Holm's step-down procedure. With the p-values sorted, \(p_{(1)} \le \dots \le p_{(m)}\),
     * \[ \tilde{p}_{(i)} = \min\Big(1, \max_{j \le i} (m - j + 1)\, p_{(j)}\Big), \]
     * which is monotone in \(i\); the result is returned in the input order. Tied p-values get equal
     * adjusted values. This is R's {@code p.adjust(p, "holm")}.
     *
     * <p>Reference: Holm, S. (1979). A simple sequentially rejective multiple test procedure.
     * <i>Scandinavian Journal of Statistics</i> 6(2), 65–70, https://www.jstor.org/stable/4615733.
     *
     * @param p the p-values of the family
     * @return the adjusted p-values, in the input order
     * @throws InvalidInputException if a p-value is not in [0, 1]
     */
    public static double[] holm(double[] p) {
        checkPValues(p);
        int m = p.length;
        Integer[] order = new Integer[m];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> Double.compare(p[a], p[b]));
        double[] adjusted = new double[m];
        double running = 0;
        for (int rank = 0; rank < m; rank++) {
            int i = order[rank];
            running = Math.max(running, Math.min(1, (double) (m - rank) * p[i]));
            adjusted[i] = running;
        }
        return adjusted;
    }

    /**
     * Benjamini and Hochberg's step-up procedure. With the p-values sorted,
     * \(p_{(1)} \le \dots \le p_{(m)}\),
     * \[ \tilde{p}_{(i)} = \min\Big(1, \min_{j \ge i} \frac{m}{j}\, p_{(j)}\Big), \]
     * returned in the input order; rejecting where \(\tilde{p}_i &lt; \alpha\) controls the false
     * discovery rate at \(\alpha\) for independent tests. This is R's {@code p.adjust(p, "BH")}
     * and scipy's {@code false_discovery_control(p, method="bh")}.
     *
     * <p>Reference: Benjamini, Y. and Hochberg, Y. (1995). Controlling the false discovery rate: a
     * practical and powerful approach to multiple testing. <i>Journal of the Royal Statistical
     * Society B</i> 57(1), 289–300, doi:10.1111/j.2517-6161.1995.tb02031.x.
     *
     * @param p the p-values of the family
     * @return the adjusted p-values, in the input order
     * @throws InvalidInputException if a p-value is not in [0, 1]
     */
    public static double[] benjaminiHochberg(double[] p) {
        checkPValues(p);
        int m = p.length;
        Integer[] order = new Integer[m];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> Double.compare(p[a], p[b]));
        double[] adjusted = new double[m];
        double running = 1;
        for (int rank = m - 1; rank >= 0; rank--) {
            int i = order[rank];
            running = Math.min(running, (double) m / (rank + 1) * p[i]);
            adjusted[i] = running;
        }
        return adjusted;
    }

    private static void checkPValues(double[] p) {
        Objects.requireNonNull(p, "p");
        for (int i = 0; i < p.length; i++) {
            if (!(p[i] >= 0 && p[i] <= 1)) {
                throw new InvalidInputException("p-value is not in [0, 1]: p[" + i + "] = " + p[i]);
            }
        }
    }
}
