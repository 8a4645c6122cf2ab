package io.github.latentcheck.assertj;

import io.github.latentcheck.check.CheckResult;
import io.github.latentcheck.gate.GateResult;
import io.github.latentcheck.run.ExperimentResult;
import io.github.latentcheck.run.PriorRun;
import org.assertj.core.api.AbstractAssert;

/** Assertions on one prior's part of a run; reached through {@link ExperimentResultAssert#prior(String)}. */
public final class PriorRunAssert extends AbstractAssert<PriorRunAssert, PriorRun> {
    private final ExperimentResult result;

    PriorRunAssert(PriorRun actual, ExperimentResult result) {
        super(actual, PriorRunAssert.class);
        this.result = result;
    }

    /**
     * Asserts that every gate passed for this prior.
     *
     * @return this assertion
     */
    public PriorRunAssert passesAllGates() {
        isNotNull();
        var failed = actual.gates().stream().filter(g -> !g.passed()).toList();
        if (!failed.isEmpty()) {
            StringBuilder lines = new StringBuilder();
            failed.forEach(g -> lines.append(ExperimentResultAssert.describe(g)));
            throw failure("%nExpecting prior %s of experiment %s (seed %d)%nto pass all its gates%nbut %d failed:%s",
                    actual.label(), result.experiment().name(), result.experiment().seed(), failed.size(), lines);
        }
        return this;
    }

    /**
     * Asserts that one gate passed for this prior. The failure names the metric, the bound and the
     * value (also as expected and actual, for an IDE's comparison), the check's smallest adjusted
     * p-value and how to reproduce the run.
     *
     * @param expression the gate as the spec writes it, e.g. {@code "latent-ks.rejected == 0"}
     * @return this assertion
     */
    public PriorRunAssert passesGate(String expression) {
        isNotNull();
        GateResult gate = actual.gates().stream().filter(g -> g.expression().equals(expression)).findFirst()
                .orElseThrow(() -> failure("%nExpecting prior %s%nto have the gate '%s'%nbut its gates are %s",
                        actual.label(), expression, actual.gates().stream().map(GateResult::expression).toList()));
        if (!gate.passed()) {
            long seed = result.experiment().seed();
            throw failureWithActualExpected(Numbers.format(gate.value()), ExperimentResultAssert.bound(gate),
                    "%nExpecting %s.%s of prior %s (seed %d)%nto be %s%nbut it was %s%s%n"
                            + "Reproduce with -D%s=%d or: latentcheck run %s --seed %d", gate.gate().check(),
                    gate.gate().metric(), actual.label(), seed, ExperimentResultAssert.bound(gate),
                    Numbers.format(gate.value()), ExperimentResultAssert.details(gate), LatentAssertions.SEED_PROPERTY,
                    seed, result.experiment().spec().file(), seed);
        }
        return this;
    }

    /**
     * @param id a check's id
     * @return assertions on that check's result for this prior
     */
    public CheckResultAssert check(String id) {
        isNotNull();
        CheckResult check = actual.checks().stream().filter(c -> c.id().equals(id)).findFirst()
                .orElseThrow(() -> failure("%nExpecting prior %s%nto have run the check '%s'%nbut its checks are %s",
                        actual.label(), id, actual.checks().stream().map(CheckResult::id).toList()));
        return new CheckResultAssert(check).as("check %s of prior %s (seed %d)", id, actual.label(),
                result.experiment().seed());
    }
}
