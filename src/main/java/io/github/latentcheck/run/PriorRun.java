package io.github.latentcheck.run;

import io.github.latentcheck.check.CheckResult;
import io.github.latentcheck.data.Latents;
import io.github.latentcheck.data.Samples;
import io.github.latentcheck.gate.GateResult;
import io.github.latentcheck.prior.Prior;
import java.util.List;

/**
 * One prior's part of a run: its latents, the generated samples, every check's result and every
 * gate's verdict.
 *
 * @param label the prior's label in the spec
 * @param prior the prior
 * @param latents the latents drawn
 * @param samples the generator's outputs, one row per latent
 * @param checks the check results, in spec order
 * @param gates the gate verdicts, in spec order
 */
public record PriorRun(String label, Prior prior, Latents latents, Samples samples, List<CheckResult> checks,
        List<GateResult> gates) {
    /** Keeps unmodifiable copies of the lists. */
    public PriorRun {
        checks = List.copyOf(checks);
        gates = List.copyOf(gates);
    }

    /** @return whether every gate passed for this prior */
    public boolean passed() {
        return gates.stream().allMatch(GateResult::passed);
    }
}
