package io.github.latentcheck.assertj;

import io.github.latentcheck.check.CheckResult;
import io.github.latentcheck.check.ModeCoverageCheck;
import io.github.latentcheck.modes.GaussianMixture;
import io.github.latentcheck.stats.MultipleTesting;
import io.github.latentcheck.stats.TestResult;
import java.util.Arrays;
import java.util.Locale;
import org.assertj.core.api.AbstractAssert;

/**
 * The mode coverage of some samples against known modes, reached through
 * {@link AbstractSamplesAssert#coversModes(GaussianMixture)} (which only computes it, as AssertJ's
 * {@code extracting} only navigates): finish with {@link #all()}, {@link #atLeast(int)} or
 * {@link #inProportion()}, or chain them ({@code .all().inProportion()}). A failure lists every mode's
 * high-quality samples beside the count its weight leads one to expect (see {@link ModeCoverageCheck}).
 */
public final class ModeCoverageAssert extends AbstractAssert<ModeCoverageAssert, CheckResult> {
    /** How the {@code mode-coverage} check names its per-mode tests: {@code under-covered[mode3]}. */
    private static final String UNDER_COVERED = "under-covered[mode";
    private final GaussianMixture modes;
    private final double alpha;
    private final MultipleTesting.Correction correction;
    /** Per mode, the under-coverage test's p-value adjusted by {@link #correction}; empty without high-quality samples. */
    private final double[] adjusted;
    private final String seedText;
    private final String reproduce;

    ModeCoverageAssert(CheckResult actual, GaussianMixture modes, double alpha, MultipleTesting.Correction correction,
            String seedText, String reproduce) {
        super(actual, ModeCoverageAssert.class);
        this.modes = modes;
        this.alpha = alpha;
        this.correction = correction;
        double[] raw = new double[modes.modes()];
        int found = 0;
        for (TestResult t : actual.tests()) {
            if (t.name().startsWith(UNDER_COVERED)) {
                raw[Integer.parseInt(t.name().substring(UNDER_COVERED.length(), t.name().length() - 1))] = t.pValue();
                found++;
            }
        }
        this.adjusted = found == 0 ? new double[0] : MultipleTesting.adjust(correction, raw);
        this.seedText = seedText;
        this.reproduce = reproduce;
    }

    /**
     * Asserts that every mode has at least one high-quality sample (the VEEGAN/PacGAN rule). A mode
     * kept at a small share of its weight still passes: add {@link #inProportion()} to catch it.
     *
     * @return this assertion
     */
    public ModeCoverageAssert all() {
        return atLeast(modes.modes());
    }

    /**
     * Asserts that at least {@code n} modes have a high-quality sample.
     *
     * @param n the number of modes that must be covered
     * @return this assertion
     */
    public ModeCoverageAssert atLeast(int n) {
        isNotNull();
        long covered = metric("modesCovered");
        if (covered < n) {
            throw failure("%nExpecting samples%s%nto cover at least %d of the %d modes of %s%nbut they cover %d "
                    + "(high-quality fraction %s)%s%n%s", seedText, n, modes.modes(), modes.name(), covered,
                    Numbers.format(actual.metric("hqFraction").orElseThrow().doubleValue()), perMode(), reproduce);
        }
        return this;
    }

    /**
     * Asserts that no mode is under-covered: for each mode k, the exact one-sided binomial test of its
     * high-quality count against Binomial(N, w_k) (N the high-quality samples of all modes, w_k the
     * mode's weight), corrected over the modes as {@link AbstractSamplesAssert#withCorrection} says (Holm
     * by default, as the check's {@code underCoveredModes}), does not reject at the level set by
     * {@link AbstractSamplesAssert#atLevel}. This catches a mode that gets a small share of its weight,
     * which {@link #all()} passes as long as it has one sample.
     *
     * @return this assertion
     */
    public ModeCoverageAssert inProportion() {
        isNotNull();
        long hq = metric("hqSamples");
        long under = Arrays.stream(adjusted).filter(p -> p < alpha).count();
        if (hq == 0 || under > 0) {
            throw failure("%nExpecting samples%s%nto cover the %d modes of %s in proportion to their weights "
                    + "(one-sided binomial tests at level %s, %s over the modes)%nbut %s%s%n%s", seedText,
                    modes.modes(), modes.name(), Numbers.format(alpha), correction, hq == 0 ? "no sample is of high quality"
                            : under + (under == 1 ? " mode is" : " modes are") + " under-covered", perMode(),
                    reproduce);
        }
        return this;
    }

    private long metric(String name) {
        return actual.metric(name).orElseThrow().longValue();
    }

    private String perMode() {
        long hq = metric("hqSamples");
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "%nhigh-quality samples per mode (expected from the weights, of %d):", hq));
        for (int k = 0; k < modes.modes(); k++) {
            boolean under = adjusted.length > 0 && adjusted[k] < alpha;
            out.append(String.format(Locale.ROOT, "%n  mode%d: %d (%.1f)%s", k, metric("count" + k),
                    hq * modes.weight(k), under ? String.format(Locale.ROOT, " under-covered, adjusted p-value %.3g",
                            adjusted[k]) : ""));
        }
        return out.toString();
    }
}
