package io.github.latentcheck.power;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The power of one check for one run size: a {@link PowerModel}, the sample size, the check's family
 * (its level, size and the per-test level its correction implies) and the demand a spec may make. It
 * answers the three questions of a power analysis: the smallest effect detected with power
 * {@value PowerDemand#REPORTED_POWER}, the power at the demanded effect, and the sample size that
 * reaches the demanded power. Values are computed on request (a KS model simulates; see
 * {@link KolmogorovSmirnovPower}).
 */
public final class PowerAnalysis {
    private final PowerModel model;
    private final int n;
    private final String sizeName;
    private final String sizeDetail;
    private final double alpha;
    private final double perTestAlpha;
    private final int tests;
    private final Optional<PowerDemand> demand;

    private PowerAnalysis(PowerModel model, int n, String sizeName, String sizeDetail, double alpha,
            double perTestAlpha, int tests, Optional<PowerDemand> demand) {
        this.model = model;
        this.n = n;
        this.sizeName = sizeName;
        this.sizeDetail = sizeDetail;
        this.alpha = alpha;
        this.perTestAlpha = perTestAlpha;
        this.tests = tests;
        this.demand = demand;
    }

    /**
     * @param model the power of one test of the family
     * @param n the sample size one test sees (for two samples, the effective size)
     * @param sizeName what {@code n} is called in messages, {@code "n"} or {@code "effective n"}
     * @param sizeDetail how {@code n} was found, appended to it in messages, or an empty string
     * @param alpha the family's level
     * @param perTestAlpha the level of one test (see {@link PowerDemand#perTestAlpha})
     * @param tests the family's size
     * @param demand the power demanded, if any
     * @return the analysis
     */
    public static PowerAnalysis of(PowerModel model, int n, String sizeName, String sizeDetail, double alpha,
            double perTestAlpha, int tests, Optional<PowerDemand> demand) {
        return new PowerAnalysis(Objects.requireNonNull(model, "model"), n, sizeName, sizeDetail, alpha, perTestAlpha,
                tests, Objects.requireNonNull(demand, "demand"));
    }

    /** @return the power model */
    public PowerModel model() {
        return model;
    }

    /** @return the sample size one test sees */
    public int n() {
        return n;
    }

    /** @return what {@link #n()} is called, {@code "n"} or {@code "effective n"} */
    public String sizeName() {
        return sizeName;
    }

    /** @return the family's level */
    public double alpha() {
        return alpha;
    }

    /** @return the level of one test of the family */
    public double perTestAlpha() {
        return perTestAlpha;
    }

    /** @return the family's size */
    public int tests() {
        return tests;
    }

    /** @return the power demanded, if any */
    public Optional<PowerDemand> demand() {
        return demand;
    }

    /** @return the smallest effect one test detects with power {@value PowerDemand#REPORTED_POWER} */
    public double detectableEffect() {
        return model.detectableEffect(n, perTestAlpha, PowerDemand.REPORTED_POWER);
    }

    /**
     * @param demanded the demand
     * @return the power at the demanded effect
     */
    public double power(PowerDemand demanded) {
        return model.power(n, perTestAlpha, demanded.effect());
    }

    /**
     * @param demanded the demand
     * @return the smallest sample size (of the kind {@link #sizeName()} names) with the demanded power
     */
    public long requiredSamples(PowerDemand demanded) {
        return model.requiredSamples(perTestAlpha, demanded.effect(), demanded.atLeast());
    }

    /**
     * @param demanded the demand
     * @param power the power reached, {@link #power(PowerDemand)}
     * @param required the size needed, {@link #requiredSamples(PowerDemand)}
     * @return the reason a run with this power fails its gates, e.g. {@code "underpowered: power 0.117 < 0.8
     *     to detect KS distance 0.05 with n = 300 at alpha 0.01 (0.00250 per test) (need n >= 1329)"}
     */
    public String shortfall(PowerDemand demanded, double power, long required) {
        return String.format(Locale.ROOT,
                "underpowered: power %.3g < %s to detect %s %s with %s = %d%s at alpha %s (%.3g per test) (need %s >= %d)",
                power, demanded.atLeast(), model.unit(), demanded.effect(), sizeName, n, sizeDetail, alpha,
                perTestAlpha, sizeName, required);
    }
}
