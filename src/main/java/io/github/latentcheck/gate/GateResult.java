package io.github.latentcheck.gate;

/** The verdict of one gate on one prior's run, with the value it read and the bound it applied. */
public final class GateResult {
    private final Gate gate;
    private final String prior;
    private final Number value;
    private final double bound;
    private final double baseline;
    private final boolean passed;
    private final double checkPValue;

    private GateResult(Gate gate, String prior, Number value, double bound, double baseline, boolean passed,
            double checkPValue) {
        this.gate = gate;
        this.prior = prior;
        this.value = value;
        this.bound = bound;
        this.baseline = baseline;
        this.passed = passed;
        this.checkPValue = checkPValue;
    }

    /**
     * @param gate the gate
     * @param prior the label of the prior whose run was judged
     * @param value the metric's value
     * @param bound the bound applied (for a relative gate: the baseline plus the gate's offset)
     * @param baseline the metric's value in the baseline run, NaN for an absolute gate
     * @param passed whether the gate holds
     * @param checkPValue the smallest adjusted p-value of the gate's check, NaN when it has none
     * @return the verdict
     */
    public static GateResult of(Gate gate, String prior, Number value, double bound, double baseline, boolean passed,
            double checkPValue) {
        return new GateResult(gate, prior, value, bound, baseline, passed, checkPValue);
    }

    /** @return the gate */
    public Gate gate() {
        return gate;
    }

    /** @return the expression as written */
    public String expression() {
        return gate.expression();
    }

    /** @return the label of the prior whose run was judged */
    public String prior() {
        return prior;
    }

    /** @return the metric's value */
    public Number value() {
        return value;
    }

    /** @return the bound applied */
    public double bound() {
        return bound;
    }

    /** @return the metric's value in the baseline run, NaN for an absolute gate */
    public double baseline() {
        return baseline;
    }

    /** @return whether the gate holds */
    public boolean passed() {
        return passed;
    }

    /** @return the smallest adjusted p-value of the gate's check, NaN when it has none */
    public double checkPValue() {
        return checkPValue;
    }
}
