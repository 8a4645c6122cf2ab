package io.github.latentcheck.power;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.stats.Permutations;
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
    private final int permutations;
    private final int maxRows;

    private PowerAnalysis(PowerModel model, int n, String sizeName, String sizeDetail, double alpha,
            double perTestAlpha, int tests, Optional<PowerDemand> demand, long against, int permutations,
            int maxRows) {
        this.model = model;
        this.n = n;
        this.against = against;
        this.permutations = permutations;
        this.maxRows = maxRows;
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
                Objects.requireNonNull(demand, "demand"), 0, 0, 0);
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
                Objects.requireNonNull(demand, "demand"), m, 0, 0);
    }

    /**
     * The analysis of a test whose p-value is a permutation p-value \((1 + C)/(B + 1)\), never below
     * \(1/(B + 1)\): when the per-test level is at most that, the test cannot reject whatever the sample, so the
     * power is 0, no effect is detectable ({@link #detectableEffect()} is \(+\infty\)), no sample size suffices
     * ({@link #requiredSamples} is -1) and {@link #shortfall} says how many permutations would do.
     *
     * @param count the permutations B, at least 1
     * @return this analysis of a test with that many permutations
     */
    public PowerAnalysis withPermutations(int count) {
        if (count < 1) {
            throw new InvalidInputException("permutations is not at least 1: " + count);
        }
        return new PowerAnalysis(model, n, sizeName, sizeDetail, alpha, perTestAlpha, tests, demand, against, count,
                maxRows);
    }

    /**
     * The analysis of a two-sample test that subsamples each side to at most {@code rows} rows (its n and m are
     * the rows it keeps): more generated rows than that do not raise the effective size, so a required effective
     * size that needs more is unreachable at that cap ({@link #requiredDraws} -1), and the reason says so.
     *
     * @param rows the most rows a side, at least 2
     * @return this analysis with that cap
     */
    public PowerAnalysis withMaxRows(int rows) {
        if (rows < 2) {
            throw new InvalidInputException("max_rows is not at least 2: " + rows);
        }
        return new PowerAnalysis(model, n, sizeName, sizeDetail, alpha, perTestAlpha, tests, demand, against,
                permutations, rows);
    }

    /** @return the most rows a side the test keeps, or 0 when it keeps them all */
    public int maxRows() {
        return maxRows;
    }

    /** @return whether the test can reject at its per-test level: false when a permutation p-value cannot get below it */
    public boolean canReject() {
        return permutations == 0 || Permutations.largestRejectingCount(permutations, perTestAlpha) >= 0;
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
        if (!canReject()) {
            return Double.POSITIVE_INFINITY;
        }
        return model.detectableEffect(n, perTestAlpha, PowerDemand.REPORTED_POWER);
    }

    /**
     * @param demanded the demand
     * @return the power at the demanded effect
     */
    public double power(PowerDemand demanded) {
        if (!canReject()) {
            return 0;
        }
        return model.power(n, perTestAlpha, demanded.effect());
    }

    /**
     * @param demanded the demand
     * @return the smallest sample size (of the kind {@link #sizeName()} names) with the demanded power, or -1 when
     *     the test cannot reject at its level (see {@link #withPermutations})
     */
    public long requiredSamples(PowerDemand demanded) {
        if (!canReject()) {
            return -1;
        }
        return model.requiredSamples(perTestAlpha, demanded.effect(), demanded.atLeast());
    }

    /**
     * @param required a required size, from {@link #requiredSamples(PowerDemand)}
     * @return the draws per prior that reach it: {@code required} itself for a one-sample test; for two
     *     samples \(\lceil rm/(m - r)\rceil\) generated rows, or -1 when \(r \ge m\) (no number of generated
     *     rows reaches it against m reference rows), when that is above {@link #maxRows()}, or when
     *     {@code required} is -1
     */
    public long requiredDraws(long required) {
        if (against == 0 || required < 0) {
            return required;
        }
        long draws = required >= against ? -1 : (long) Math.ceil((double) required * against / (against - required));
        return maxRows > 0 && draws > maxRows ? -1 : draws;
    }

    /** @return a phrase saying how many draws reach {@code required}, or an empty string for one sample */
    String drawsPhrase(long required) {
        if (against == 0) {
            return "";
        }
        long draws = requiredDraws(required);
        if (draws >= 0) {
            return ", i.e. n >= " + draws + " against " + against + " training rows";
        }
        return maxRows == 0 ? ", which " + against + " training rows cannot give"
                : ", which max_rows = " + maxRows + " rows a side cannot give: max_rows >= " + 2 * required
                        + " can, with as many rows on each side";
    }

    /**
     * @param demanded the demand
     * @param power the power reached, {@link #power(PowerDemand)}
     * @param required the size needed, {@link #requiredSamples(PowerDemand)}
     * @return the reason a run with this power fails its gates, e.g. {@code "underpowered: power 0.117 < 0.8
     *     to detect KS distance 0.05 with n = 300 at alpha 0.01 (0.00250 per test) (need n >= 1329)"}
     */
    public String shortfall(PowerDemand demanded, double power, long required) {
        if (!canReject()) {
            return String.format(Locale.ROOT, "underpowered: the permutation p-value is never below 1/(B + 1) = %.3g "
                    + "with %d permutations, so no sample detects %s %s at alpha %s (%.3g per test) (need permutations "
                    + ">= %d)", 1 / (permutations + 1.0), permutations, model.unit(), demanded.effect(), alpha,
                    perTestAlpha, Permutations.fewestPermutationsBelow(perTestAlpha));
        }
        return String.format(Locale.ROOT,
                "underpowered: power %.3g < %s to detect %s %s with %s = %d%s at alpha %s (%.3g per test) (need %s >= %d%s)",
                power, demanded.atLeast(), model.unit(), demanded.effect(), sizeName, n, sizeDetail, alpha,
                perTestAlpha, sizeName, required, drawsPhrase(required));
    }
}
