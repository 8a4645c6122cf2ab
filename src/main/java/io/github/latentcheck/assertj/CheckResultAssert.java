package io.github.latentcheck.assertj;

import io.github.latentcheck.check.CheckResult;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.AbstractDoubleAssert;
import org.assertj.core.api.Assertions;

/** Assertions on one check's result; made by {@link LatentAssertions#assertThat(CheckResult)}. */
public final class CheckResultAssert extends AbstractAssert<CheckResultAssert, CheckResult> {
    CheckResultAssert(CheckResult actual) {
        super(actual, CheckResultAssert.class);
    }

    /**
     * Asserts the check's own verdict: none of its tests rejected at its level.
     *
     * @return this assertion
     */
    public CheckResultAssert passed() {
        isNotNull();
        if (!actual.passed()) {
            throw failure("%nExpecting check %s%nto pass (%s)%nbut it rejected; metrics: %s", actual.id(),
                    actual.correction(), actual.metrics());
        }
        return this;
    }

    /**
     * @param name one of the check's metrics
     * @return an AssertJ assertion on its value, e.g. {@code .metric("modesCovered").isEqualTo(8)}
     */
    public AbstractDoubleAssert<?> metric(String name) {
        isNotNull();
        Number value = actual.metric(name).orElseThrow(() -> failure(
                "%nExpecting check %s%nto report the metric '%s'%nbut its metrics are %s", actual.id(), name,
                actual.metrics().keySet()));
        return Assertions.assertThat(value.doubleValue())
                .as("%s.%s%s", actual.id(), name, info.description() == null ? ""
                        : " (" + info.descriptionText() + ")");
    }
}
