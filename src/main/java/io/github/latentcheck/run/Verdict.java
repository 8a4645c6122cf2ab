package io.github.latentcheck.run;

/**
 * What a run (or an {@code audit} / {@code coverage} command) concluded from its criteria. A run
 * with no criteria at all concluded nothing and says so, rather than passing by default (as pytest
 * exits 5 when it collected no tests).
 */
public enum Verdict {
    /** Every gate passed. */
    PASSED("PASSED"),
    /** At least one gate failed. */
    FAILED("FAILED"),
    /** There were no gates: nothing was judged. */
    NOT_GATED("NOT GATED");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    /**
     * @param gatesPassed whether every gate passed
     * @param gates how many gate verdicts there are
     * @return the verdict
     */
    public static Verdict of(boolean gatesPassed, int gates) {
        if (gates == 0) {
            return NOT_GATED;
        }
        return gatesPassed ? PASSED : FAILED;
    }

    /** @return how reports write it: {@code PASSED}, {@code FAILED} or {@code NOT GATED} */
    public String label() {
        return label;
    }
}
