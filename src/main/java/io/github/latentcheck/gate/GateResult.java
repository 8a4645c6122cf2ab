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
    private final String reason;

    private GateResult(Gate gate, String prior, Number value, double bound, double baseline, boolean passed,
            double checkPValue, String reason) {
        this.gate = gate;
        this.prior = prior;
        this.value = value;
        this.bound = bound;
        this.baseline = baseline;
        this.passed = passed;
        this.checkPValue = checkPValue;
        this.reason = reason;
    }

    /**
     * @param gate the gate
     * @param prior the label of the prior whose run was judged
     * @param value the metric's value
     * @param bound the bound applied (for a relative gate: the baseline plus the gate's offset)
     * @param baseline the metric's value in the baseline run, NaN for an absolute gate
     * @param passed whether the gate holds
     * @param checkPValue the smallest adjusted p-value of the gate's check, NaN when it has none
     * @param reason why the gate failed whatever its comparison says (the check's run was underpowered),
     *     or an empty string
     * @return the verdict
     */
    public static GateResult of(Gate gate, String prior, Number value, double bound, double baseline, boolean passed,
            double checkPValue, String reason) {
        return new GateResult(gate, prior, value, bound, baseline, passed, checkPValue, reason);
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

    /**
     * @return why the gate failed whatever its comparison says, e.g. {@code "underpowered: power 0.41 < 0.8 …"};
     *     an empty string otherwise
     */
    public String reason() {
        return reason;
    }

    /** @return the smallest adjusted p-value of the gate's check, NaN when it has none */
    public double checkPValue() {
        return checkPValue;
    }
}
