package io.github.latentcheck.run;

import io.github.latentcheck.gate.GateResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A finished run: every prior's results and the gates' verdicts. Everything here follows from the
 * spec and the seed, except {@link #startedAt()} and {@link #duration()}, the only values that
 * change from one run to the next (results.json leaves them out).
 *
 * @param experiment the experiment that ran
 * @param runs one entry per prior, in spec order
 * @param startedAt when the run began
 * @param duration how long it took
 */
public record ExperimentResult(Experiment experiment, List<PriorRun> runs, Instant startedAt, Duration duration) {
    /** Keeps an unmodifiable copy of the runs. */
    public ExperimentResult {
        runs = List.copyOf(runs);
    }

    /** @return whether the run has gates and every gate passed for every prior */
    public boolean passed() {
        return verdict() == Verdict.PASSED;
    }

    /** @return passed, failed, or not gated when the experiment has no gates (nothing was judged) */
    public Verdict verdict() {
        List<GateResult> gates = gates();
        return Verdict.of(gates.stream().allMatch(GateResult::passed), gates.size());
    }

    /**
     * @return the verdict with the counts a reviewer reads first, e.g.
     *     {@code FAILED: 2 of 7 gates failed, 1 underpowered}, or
     *     {@code NOT GATED: no gates, nothing was judged}
     */
    public String verdictSummary() {
        List<GateResult> gates = gates();
        if (gates.isEmpty()) {
            return Verdict.NOT_GATED.label() + ": no gates, nothing was judged";
        }
        long failed = gates.stream().filter(g -> !g.passed()).count();
        long underpowered = gates.stream().filter(g -> !g.reason().isEmpty()).count();
        return verdict().label() + ": " + failed + " of " + gates.size() + " gates failed"
                + (underpowered > 0 ? ", " + underpowered + " underpowered" : "");
    }

    /** @return every gate verdict, prior by prior */
    public List<GateResult> gates() {
        return runs.stream().flatMap(r -> r.gates().stream()).toList();
    }
}
