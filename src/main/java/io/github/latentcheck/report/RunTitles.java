package io.github.latentcheck.report;

import io.github.latentcheck.run.ExperimentResult;
import io.github.latentcheck.run.PriorRun;
import io.github.latentcheck.spec.Options;

/**
 * What each prior's run is called in a report: "Prior gaussian: N(0, I_8)", or, when its generator
 * replays a file of samples (an {@code audit}, say), "Samples from FILE": the latents of such a run
 * are not used, so naming the prior would mislead.
 */
final class RunTitles {
    private RunTitles() {
    }

    /**
     * @param result the finished run
     * @param run one prior's part of it
     * @return its title, plain text
     */
    static String of(ExperimentResult result, PriorRun run) {
        Options generator = result.experiment().generator(run.label());
        if (generator.string("type", "").equals("file")) {
            return "Samples from " + generator.string("path", "");
        }
        return "Prior " + run.label() + ": " + run.prior().description();
    }
}
