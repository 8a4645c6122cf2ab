package io.github.latentcheck.power;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.stats.MultipleTesting;

/**
 * What a spec demands of a check's sample size: power of at least {@code atLeast} to detect an effect
 * of size {@code effect} (in the check's unit), written {@code power: { effect: 0.05, at_least: 0.8 }}.
 */
public final class PowerDemand {
    /** The power at which checks report their {@code detectableEffect}. */
    public static final double REPORTED_POWER = 0.8;

    private final double effect;
    private final double atLeast;

    private PowerDemand(double effect, double atLeast) {
        this.effect = effect;
        this.atLeast = atLeast;
    }

    /**
     * @param effect the effect to detect, strictly positive and finite
     * @param atLeast the power demanded, in (0, 1)
     * @return the demand
     * @throws InvalidInputException if a value breaks its rule
     */
    public static PowerDemand of(double effect, double atLeast) {
        if (!(effect > 0) || !Double.isFinite(effect)) {
            throw new InvalidInputException("power.effect is not strictly positive and finite: " + effect);
        }
        if (!(atLeast > 0 && atLeast < 1)) {
            throw new InvalidInputException("power.at_least is not in (0, 1): " + atLeast);
        }
        return new PowerDemand(effect, atLeast);
    }

    /** @return the effect to detect, in the check's unit */
    public double effect() {
        return effect;
    }

    /** @return the power demanded */
    public double atLeast() {
        return atLeast;
    }

    /**
     * The level at which one test of a family of {@code m} must be run for the family to hold
     * {@code alpha}, used to compute the power to detect an effect in one member of the family:
     * \(\alpha\) with no correction, \(\alpha/m\) for Bonferroni, and also for Holm, Hochberg and
     * Benjamini–Hochberg, whose power to detect a single deviating member is at least Bonferroni's
     * (so the power reported for them is a lower bound), and \(\alpha/(m \sum_{k \le m} 1/k)\) for
     * Benjamini–Yekutieli.
     *
     * @param correction the family's correction
     * @param alpha the family's level
     * @param m the family's size, at least 1
     * @return the per-test level
     */
    public static double perTestAlpha(MultipleTesting.Correction correction, double alpha, int m) {
        switch (correction) {
            case NONE:
                return alpha;
            case BENJAMINI_YEKUTIELI:
                double harmonic = 0;
                for (int k = 1; k <= m; k++) {
                    harmonic += 1.0 / k;
                }
                return alpha / (m * harmonic);
            default:
                return alpha / m;
        }
    }
}
