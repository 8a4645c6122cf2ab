package io.github.latentcheck.stats;

import io.github.latentcheck.InvalidInputException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * Multiple-testing corrections of a family of p-values, each returning adjusted p-values in the
 * input order (as R's {@code p.adjust}), so that "reject \(H_i\) when adjusted \(p_i &lt; \alpha\)"
 * controls the family-wise error rate at \(\alpha\) (Bonferroni, Holm; Hochberg for independent or
 * positively dependent tests) or the false discovery rate at \(\alpha\) (Benjamini–Hochberg for
 * independent or positively dependent tests; Benjamini–Yekutieli under any dependence).
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
        /** Hochberg's step-up procedure (family-wise error rate; tests independent or positively dependent). */
        HOCHBERG,
        /** Benjamini–Hochberg (false discovery rate; tests independent or positively dependent). */
        BENJAMINI_HOCHBERG,
        /** Benjamini–Yekutieli (false discovery rate under any dependence). */
        BENJAMINI_YEKUTIELI;

        /** @return the name used in specs and reports, e.g. {@code "benjamini-hochberg"} */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /**
         * Reads a correction by its spec name: {@code none}, {@code bonferroni}, {@code holm},
         * {@code hochberg}, {@code benjamini-hochberg} (or {@code bh}, {@code fdr}),
         * {@code benjamini-yekutieli} (or {@code by}); case-insensitive.
         *
         * @param name the name
         * @return the correction
         * @throws InvalidInputException if the name is none of these
         */
        public static Correction parse(String name) {
            String key = name.toLowerCase(Locale.ROOT).replace('_', '-');
            switch (key) {
                case "bh":
                case "fdr":
                    return BENJAMINI_HOCHBERG;
                case "by":
                    return BENJAMINI_YEKUTIELI;
                default:
                    for (Correction c : values()) {
                        if (c.label().equals(key)) {
                            return c;
                        }
                    }
                    throw new InvalidInputException("correction is not one of " + NAMES + ": '" + name + "'");
            }
        }
    }

    /** The spec names of the corrections, as listed in messages. */
    public static final String NAMES =
            "none, bonferroni, holm, hochberg, benjamini-hochberg (bh, fdr), benjamini-yekutieli (by)";

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
            case HOCHBERG -> hochberg(p);
            case BENJAMINI_HOCHBERG -> benjaminiHochberg(p);
            case BENJAMINI_YEKUTIELI -> benjaminiYekutieli(p);
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
     * Hochberg's step-up procedure. With the p-values sorted,
     * \[ \tilde{p}_{(i)} = \min\Big(1, \min_{j \ge i} (m - j + 1)\, p_{(j)}\Big). \]
     * It controls the family-wise error rate when the tests are independent or positively dependent
     * (Sarkar 1998), and rejects at least what Holm rejects. This is R's {@code p.adjust(p, "hochberg")}.
     *
     * <p>Reference: Hochberg, Y. (1988). A sharper Bonferroni procedure for multiple tests of
     * significance. <i>Biometrika</i> 75(4), 800–802, doi:10.1093/biomet/75.4.800.
     *
     * @param p the p-values of the family
     * @return the adjusted p-values, in the input order
     * @throws InvalidInputException if a p-value is not in [0, 1]
     */
    public static double[] hochberg(double[] p) {
        return stepUp(p, 1, true);
    }

    /**
     * Benjamini–Hochberg. With the p-values sorted,
     * \[ \tilde{p}_{(i)} = \min\Big(1, \min_{j \ge i} \frac{m}{j}\, p_{(j)}\Big); \]
     * rejecting where \(\tilde{p} &lt; \alpha\) controls the false discovery rate (the expected
     * proportion of false rejections among the rejections), not the family-wise error rate, when
     * the tests are independent or positively dependent. This is R's {@code p.adjust(p, "BH")}.
     *
     * <p>Reference: Benjamini, Y. &amp; Hochberg, Y. (1995). Controlling the false discovery rate: a
     * practical and powerful approach to multiple testing. <i>Journal of the Royal Statistical Society
     * B</i> 57(1), 289–300, doi:10.1111/j.2517-6161.1995.tb02031.x.
     *
     * @param p the p-values of the family
     * @return the adjusted p-values, in the input order
     * @throws InvalidInputException if a p-value is not in [0, 1]
     */
    public static double[] benjaminiHochberg(double[] p) {
        return stepUp(p, 1, false);
    }

    /**
     * Benjamini–Yekutieli. With the p-values sorted and \(q = \sum_{k=1}^m 1/k\),
     * \[ \tilde{p}_{(i)} = \min\Big(1, \min_{j \ge i} \frac{q m}{j}\, p_{(j)}\Big); \]
     * it controls the false discovery rate under any dependence between the tests. This is R's
     * {@code p.adjust(p, "BY")}.
     *
     * <p>Reference: Benjamini, Y. &amp; Yekutieli, D. (2001). The control of the false discovery rate
     * in multiple testing under dependency. <i>Annals of Statistics</i> 29(4), 1165–1188,
     * doi:10.1214/aos/1013699998.
     *
     * @param p the p-values of the family
     * @return the adjusted p-values, in the input order
     * @throws InvalidInputException if a p-value is not in [0, 1]
     */
    public static double[] benjaminiYekutieli(double[] p) {
        double q = 0;
        for (int k = 1; k <= p.length; k++) {
            q += 1.0 / k;
        }
        return stepUp(p, q, false);
    }

    /**
     * The step-up adjustments as R computes them: over the p-values in decreasing order, with
     * \(i = m, m-1, \dots, 1\) their ranks, the running minimum of \((m + 1 - i) p\) (Hochberg) or
     * \((f m / i) p\) (Benjamini–Hochberg \(f = 1\), Benjamini–Yekutieli \(f = q\)), capped at 1.
     * The products are formed in R's order so that the results agree bit for bit.
     */
    private static double[] stepUp(double[] p, double factor, boolean hochberg) {
        checkPValues(p);
        int m = p.length;
        Integer[] order = new Integer[m];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> Double.compare(p[b], p[a]));
        double[] adjusted = new double[m];
        double running = Double.POSITIVE_INFINITY;
        for (int k = 0; k < m; k++) {
            int rank = m - k;
            int i = order[k];
            double scaled = hochberg ? (double) (m + 1 - rank) * p[i] : factor * m / rank * p[i];
            running = Math.min(running, scaled);
            adjusted[i] = Math.min(1, running);
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
