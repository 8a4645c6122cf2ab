package io.github.latentcheck.assertj;

import io.github.latentcheck.check.CheckResult;
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
