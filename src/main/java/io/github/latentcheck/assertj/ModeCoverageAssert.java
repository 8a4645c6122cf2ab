package io.github.latentcheck.assertj;

import io.github.latentcheck.check.CheckResult;
import io.github.latentcheck.check.ModeCoverageCheck;
import io.github.latentcheck.modes.GaussianMixture;
import io.github.latentcheck.stats.TestResult;
import java.util.Locale;
import java.util.Optional;
import org.assertj.core.api.AbstractAssert;

/**
 * The mode coverage of some samples against known modes, reached through
 * {@link AbstractSamplesAssert#coversModes(GaussianMixture)} (which only computes it, as AssertJ's
 * {@code extracting} only navigates): finish with {@link #all()}, {@link #atLeast(int)} or
 * {@link #inProportion()}, or chain them ({@code .all().inProportion()}). A failure lists every mode's
 * high-quality samples beside the count its weight leads one to expect (see {@link ModeCoverageCheck}).
 */
public final class ModeCoverageAssert extends AbstractAssert<ModeCoverageAssert, CheckResult> {
    private final GaussianMixture modes;
    private final double alpha;
    private final String seedText;
    private final String reproduce;

    ModeCoverageAssert(CheckResult actual, GaussianMixture modes, double alpha, String seedText, String reproduce) {
        super(actual, ModeCoverageAssert.class);
        this.modes = modes;
        this.alpha = alpha;
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
     * mode's weight), Holm-corrected over the modes, does not reject at the level set by
     * {@link AbstractSamplesAssert#atLevel} (the {@code underCoveredModes} metric is 0). This catches a
     * mode that gets a small share of its weight, which {@link #all()} passes as long as it has one sample.
     *
     * @return this assertion
     */
    public ModeCoverageAssert inProportion() {
        isNotNull();
        long hq = metric("hqSamples");
        long under = metric("underCoveredModes");
        if (hq == 0 || under > 0) {
            throw failure("%nExpecting samples%s%nto cover the %d modes of %s in proportion to their weights "
                    + "(Holm-corrected one-sided binomial tests at level %s)%nbut %s%s%n%s", seedText, modes.modes(),
                    modes.name(), Numbers.format(alpha), hq == 0 ? "no sample is of high quality"
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
            String name = "under-covered[mode" + k + "]";
            Optional<TestResult> test = actual.tests().stream().filter(t -> t.name().equals(name)).findFirst();
            out.append(String.format(Locale.ROOT, "%n  mode%d: %d (%.1f)%s", k, metric("count" + k),
                    hq * modes.weight(k), test.filter(t -> t.reject(alpha)).map(t -> String.format(Locale.ROOT,
                            " under-covered, adjusted p-value %.3g", t.adjustedPValue())).orElse("")));
        }
        return out.toString();
    }
}
