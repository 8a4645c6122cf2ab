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

    /** @return whether every gate passed for every prior */
    public boolean passed() {
        return runs.stream().allMatch(PriorRun::passed);
    }

    /** @return every gate verdict, prior by prior */
    public List<GateResult> gates() {
        return runs.stream().flatMap(r -> r.gates().stream()).toList();
    }
}
