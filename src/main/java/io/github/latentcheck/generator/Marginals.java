package io.github.latentcheck.generator;

import org.apache.commons.statistics.distribution.ContinuousDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Maps a latent coordinate through its prior's marginal, so that built-in generators behave the
 * same under any prior: {@code u = F(z)} is uniform on (0, 1) and {@code Φ⁻¹(F(z))} standard normal.
 */
final class Marginals {
    private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);

    private Marginals() {
    }

    /** @return F(z), the marginal CDF at z */
    static double toUniform(ContinuousDistribution marginal, double z) {
        return marginal.cumulativeProbability(z);
    }

    /**
     * @return Φ⁻¹(F(z)); z itself for a standard normal marginal, and the upper half through the
     *     survival functions so that the upper tail keeps its precision
     */
    static double toStandardNormal(ContinuousDistribution marginal, double z) {
        if (isStandardNormal(marginal)) {
            return z;
        }
        double p = marginal.cumulativeProbability(z);
        return p <= 0.5 ? STANDARD_NORMAL.inverseCumulativeProbability(p)
                : STANDARD_NORMAL.inverseSurvivalProbability(marginal.survivalProbability(z));
    }

    private static boolean isStandardNormal(ContinuousDistribution marginal) {
        return marginal instanceof NormalDistribution n && n.getMean() == 0 && n.getStandardDeviation() == 1;
    }

    /**
     * @return ⌊u·k⌋ clamped to [0, k−1]: an index chosen with equal probability when u is uniform
     */
    static int pick(double u, int k) {
        return Math.min(k - 1, Math.max(0, (int) (u * k)));
    }
}
