package io.github.latentcheck.assertj;

import io.github.latentcheck.check.CheckResult;
import io.github.latentcheck.modes.GaussianMixture;
import io.github.latentcheck.stats.TestResult;
import java.util.Locale;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;

/**
 * The mode coverage of some samples against known modes, reached through
 * {@link AbstractSamplesAssert#coversModes(GaussianMixture)} (which only computes it, as AssertJ's
 * {@code extracting} only navigates): finish with {@link #all()} or {@link #atLeast(int)}.
 */
public final class ModeCoverageAssert extends AbstractAssert<ModeCoverageAssert, CheckResult> {
    private final GaussianMixture modes;
    private final String seedText;

    ModeCoverageAssert(CheckResult actual, GaussianMixture modes, String seedText) {
        super(actual, ModeCoverageAssert.class);
        this.modes = modes;
        this.seedText = seedText;
    }

    /**
     * Asserts that every mode has at least one high-quality sample (the VEEGAN/PacGAN rule).
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
        long covered = actual.metric("modesCovered").orElseThrow().longValue();
        if (covered < n) {
            String underCovered = actual.tests().stream().filter(t -> t.name().startsWith("under-covered")
                    && t.reject(0.05)).map(ModeCoverageAssert::describe).collect(Collectors.joining());
            throw failure("%nExpecting samples%s%nto cover at least %d of the %d modes of %s%nbut they cover %d "
                    + "(high-quality fraction %s)%s", seedText, n, modes.modes(), modes.name(), covered,
                    actual.metric("hqFraction").orElseThrow(), underCovered.isEmpty() ? ""
                            : String.format(Locale.ROOT, "%nunder-covered modes (Holm-corrected binomial tests):%s",
                                    underCovered));
        }
        return this;
    }

    private static String describe(TestResult t) {
        return String.format(Locale.ROOT, "%n  %s: adjusted p-value %.3g", t.name(), t.adjustedPValue());
    }
}
