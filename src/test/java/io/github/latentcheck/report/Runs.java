package io.github.latentcheck.report;

import io.github.latentcheck.run.Experiment;
import io.github.latentcheck.run.ExperimentResult;
import io.github.latentcheck.run.ExperimentRunner;
import io.github.latentcheck.spec.ExperimentSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;

/**
 * In-process runs of the shipped experiments with seed 42 and 5,000 samples, each run once per JVM.
 * 500 samples are too few for these specs' gates: quickstart's {@code maxStatistic <= 0.03} is then
 * below the typical KS distance of a correct generator, and the mode-dropper's marginal distance of
 * about 0.04 is not yet significant at its 0.1% level.
 */
final class Runs {
    static final int SAMPLES = 5_000;
    private static ExperimentResult quickstart;
    private static ExperimentResult broken;
    private static ExperimentResult gaussianVsUniform;

    private Runs() {
    }

    /** @return quickstart.yaml: one gaussian prior, four gates that pass */
    static synchronized ExperimentResult quickstart() {
        if (quickstart == null) {
            quickstart = run("quickstart.yaml");
        }
        return quickstart;
    }

    /** @return broken-generator.yaml: the mode-dropper, whose marginal-ks gate fails */
    static synchronized ExperimentResult broken() {
        if (broken == null) {
            broken = run("broken-generator.yaml");
        }
        return broken;
    }

    /** @return gaussian-vs-uniform.yaml: two priors, three gates that pass */
    static synchronized ExperimentResult gaussianVsUniform() {
        if (gaussianVsUniform == null) {
            gaussianVsUniform = run("gaussian-vs-uniform.yaml");
        }
        return gaussianVsUniform;
    }

    private static ExperimentResult run(String file) {
        Experiment experiment = Experiment.load(ExperimentSpec.read(Path.of("experiments", file)), 42, SAMPLES);
        return ExperimentRunner.withDefaults().withThreads(1).run(experiment);
    }

    static byte[] render(Reporter reporter, ExperimentResult result) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        reporter.write(result, out);
        return out.toByteArray();
    }
}
