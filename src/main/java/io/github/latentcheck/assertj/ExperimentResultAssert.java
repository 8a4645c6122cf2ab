package io.github.latentcheck.assertj;

import io.github.latentcheck.gate.GateResult;
import io.github.latentcheck.run.ExperimentResult;
import io.github.latentcheck.run.PriorRun;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;

/** Assertions on a finished run; made by {@link LatentAssertions#assertThat(ExperimentResult)}. */
public final class ExperimentResultAssert extends AbstractAssert<ExperimentResultAssert, ExperimentResult> {
    ExperimentResultAssert(ExperimentResult actual) {
        super(actual, ExperimentResultAssert.class);
    }

    /**
     * Asserts that every gate passed for every prior.
     *
     * @return this assertion
     */
    public ExperimentResultAssert passesAllGates() {
        isNotNull();
        List<GateResult> failed = actual.gates().stream().filter(g -> !g.passed()).toList();
        if (!failed.isEmpty()) {
            String lines = failed.stream().map(ExperimentResultAssert::describe).collect(Collectors.joining());
            throw failure("%nExpecting experiment %s (seed %d, %d samples per prior)%nto pass all %d gates%n"
                    + "but %d failed:%s%nReproduce with: latentcheck run %s --seed %d", actual.experiment().name(),
                    actual.experiment().seed(), actual.experiment().samples(), actual.gates().size(), failed.size(),
                    lines, actual.experiment().spec().file(), actual.experiment().seed());
        }
        return this;
    }

    static String describe(GateResult g) {
        return String.format(Locale.ROOT, "%n  [%s] %s: value %s, bound %s%s", g.prior(), g.expression(),
                Numbers.format(g.value()), bound(g), details(g));
    }

    /** @return the bound a gate applied, with the baseline value when the gate is relative */
    static String bound(GateResult g) {
        return g.gate().comparison().symbol() + " " + Numbers.format(g.bound())
                + (g.gate().isRelative() ? " (baseline " + Numbers.format(g.baseline()) + ")" : "");
    }

    /** @return the check's smallest adjusted p-value and the reason a gate failed, each when there is one */
    static String details(GateResult g) {
        String pValue = Double.isNaN(g.checkPValue()) ? "" : String.format(Locale.ROOT,
                "; smallest adjusted p-value of %s: %.3g", g.gate().check(), g.checkPValue());
        return pValue + (g.reason().isEmpty() ? "" : "; " + g.reason());
    }

    /**
     * @param label the label of one of the run's priors
     * @return assertions on that prior's checks
     */
    public PriorRunAssert prior(String label) {
        isNotNull();
        PriorRun run = actual.runs().stream().filter(r -> r.label().equals(label)).findFirst()
                .orElseThrow(() -> failure("%nExpecting experiment %s%nto have a prior labelled '%s'%nbut its priors are %s",
                        actual.experiment().name(), label, labels()));
        return new PriorRunAssert(run, actual);
    }

    /**
     * The check of the run's only prior; use {@link #prior(String)} first when there are several.
     *
     * @param id the check's id
     * @return assertions on its result
     */
    public CheckResultAssert check(String id) {
        isNotNull();
        if (actual.runs().size() != 1) {
            throw failure("%nExpecting experiment %s%nto have one prior%nbut it has %s: choose one with prior(label)",
                    actual.experiment().name(), labels());
        }
        return new PriorRunAssert(actual.runs().get(0), actual).check(id);
    }

    private List<String> labels() {
        return actual.runs().stream().map(PriorRun::label).toList();
    }
}
