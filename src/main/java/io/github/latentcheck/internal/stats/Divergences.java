package io.github.latentcheck.internal.stats;

import io.github.latentcheck.InvalidInputException;

/**
 * Divergences between two discrete distributions over the same K categories (such as the modes of
 * a mixture), in nats. Inputs are probability vectors: non-negative, finite, summing to 1 within
 * 1e-9.
 */
public final class Divergences {
    private Divergences() {
    }

    /**
     * The Kullback–Leibler divergence \(\mathrm{KL}(q \,\|\, p) = \sum_{k: q_k > 0} q_k \ln(q_k / p_k)\),
     * with the convention 0 ln 0 = 0: categories that q never visits contribute nothing, so a
     * generator that drops a mode is penalized only through the mass it puts elsewhere. It is
     * infinite when q visits a category of p-probability 0. With q the generated histogram and p
     * the data's, this is the "reverse" KL of mode-collapse papers.
     *
     * <p>Reference: Kullback, S. and Leibler, R. A. (1951). On information and sufficiency.
     * <i>Annals of Mathematical Statistics</i> 22(1), 79–86, doi:10.1214/aoms/1177729694.
     *
     * @param q the first distribution (the model's)
     * @param p the second distribution (the data's)
     * @return KL(q || p) ≥ 0, possibly +∞
     */
    public static double kullbackLeibler(double[] q, double[] p) {
        check(q, p);
        double sum = 0;
        for (int k = 0; k < q.length; k++) {
            if (q[k] > 0) {
                sum += q[k] * Math.log(q[k] / p[k]);
            }
        }
        return Math.max(0, sum);
    }

    /**
     * The Jensen–Shannon divergence
     * \(\mathrm{JS}(p, q) = \tfrac12 \mathrm{KL}(p \,\|\, m) + \tfrac12 \mathrm{KL}(q \,\|\, m)\),
     * \(m = (p + q)/2\): symmetric, always finite, between 0 and ln 2.
     *
     * <p>Reference: Lin, J. (1991). Divergence measures based on the Shannon entropy. <i>IEEE
     * Transactions on Information Theory</i> 37(1), 145–151, doi:10.1109/18.61115.
     *
     * @param p one distribution
     * @param q the other
     * @return JS(p, q) in [0, ln 2]
     */
    public static double jensenShannon(double[] p, double[] q) {
        check(q, p);
        double sum = 0;
        for (int k = 0; k < p.length; k++) {
            double m = (p[k] + q[k]) / 2;
            if (p[k] > 0) {
                sum += p[k] * Math.log(p[k] / m);
            }
            if (q[k] > 0) {
                sum += q[k] * Math.log(q[k] / m);
            }
        }
        return Math.min(Math.log(2), Math.max(0, sum / 2));
    }

    private static void check(double[] q, double[] p) {
        if (q.length != p.length) {
            throw new InvalidInputException("distributions have " + q.length + " and " + p.length + " categories");
        }
        checkProbabilities(q);
        checkProbabilities(p);
    }

    private static void checkProbabilities(double[] v) {
        double total = 0;
        for (int k = 0; k < v.length; k++) {
            if (!(v[k] >= 0 && v[k] <= 1)) {
                throw new InvalidInputException("probability is not in [0, 1]: [" + k + "] = " + v[k]);
            }
            total += v[k];
        }
        if (!(Math.abs(total - 1) <= 1e-9)) {
            throw new InvalidInputException("probabilities do not sum to 1: " + total);
        }
    }
}
