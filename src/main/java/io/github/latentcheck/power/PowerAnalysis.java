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
    private final long against;

    private PowerAnalysis(PowerModel model, int n, String sizeName, String sizeDetail, double alpha,
            double perTestAlpha, int tests, Optional<PowerDemand> demand, long against) {
        this.model = model;
        this.n = n;
        this.against = against;
        this.sizeName = sizeName;
        this.sizeDetail = sizeDetail;
        this.alpha = alpha;
        this.perTestAlpha = perTestAlpha;
        this.tests = tests;
        this.demand = demand;
    }

    /**
     * @param model the power of one test of the family
     * @param n the sample size one test sees, at least 1
     * @param alpha the family's level
     * @param perTestAlpha the level of one test (see {@link PowerDemand#perTestAlpha})
     * @param tests the family's size
     * @param demand the power demanded, if any
     * @return the analysis of a one-sample test
     */
    public static PowerAnalysis of(PowerModel model, int n, double alpha, double perTestAlpha, int tests,
            Optional<PowerDemand> demand) {
        return new PowerAnalysis(Objects.requireNonNull(model, "model"), n, "n", "", alpha, perTestAlpha, tests,
                Objects.requireNonNull(demand, "demand"), 0);
    }

    /**
     * A two-sample test of n generated rows against m reference rows, analysed as a one-sample test of the
     * effective size \(n_{\mathrm{eff}} = nm/(n + m)\) (rounded, at least 2); a required effective size
     * \(r &lt; m\) is reached with \(\lceil rm/(m - r)\rceil\) generated rows, and not at all when \(r \ge m\).
     *
     * @param model the power of one test of the family, at the effective size
     * @param n the generated rows, at least 1
     * @param m the reference (training) rows, at least 1
     * @param alpha the family's level
     * @param perTestAlpha the level of one test
     * @param tests the family's size
     * @param demand the power demanded, if any
     * @return the analysis
     */
    public static PowerAnalysis twoSample(PowerModel model, int n, long m, double alpha, double perTestAlpha,
            int tests, Optional<PowerDemand> demand) {
        int effective = (int) Math.max(2, Math.round((double) n * m / (n + m)));
        return new PowerAnalysis(Objects.requireNonNull(model, "model"), effective, "effective n",
                " (nm/(n + m) with n = " + n + ", m = " + m + ")", alpha, perTestAlpha, tests,
                Objects.requireNonNull(demand, "demand"), m);
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
     * @param required a required size, from {@link #requiredSamples(PowerDemand)}
     * @return the draws per prior that reach it: {@code required} itself for a one-sample test; for two
     *     samples \(\lceil rm/(m - r)\rceil\) generated rows, or -1 when \(r \ge m\) (no number of generated
     *     rows reaches it against m reference rows)
     */
    public long requiredDraws(long required) {
        if (against == 0) {
            return required;
        }
        return required >= against ? -1 : (long) Math.ceil((double) required * against / (against - required));
    }

    /** @return a phrase saying how many draws reach {@code required}, or an empty string for one sample */
    String drawsPhrase(long required) {
        if (against == 0) {
            return "";
        }
        long draws = requiredDraws(required);
        return draws < 0 ? ", which " + against + " training rows cannot give"
                : ", i.e. n >= " + draws + " against " + against + " training rows";
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
                "underpowered: power %.3g < %s to detect %s %s with %s = %d%s at alpha %s (%.3g per test) (need %s >= %d%s)",
                power, demanded.atLeast(), model.unit(), demanded.effect(), sizeName, n, sizeDetail, alpha,
                perTestAlpha, sizeName, required, drawsPhrase(required));
    }
}
