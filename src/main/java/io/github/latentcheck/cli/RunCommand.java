package io.github.latentcheck.cli;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.gate.Baseline;
import io.github.latentcheck.internal.concurrent.Tasks;
import io.github.latentcheck.internal.report.ReportFolder;
import io.github.latentcheck.internal.report.SavedSamples;
import io.github.latentcheck.report.ReportWriter;
import io.github.latentcheck.report.Reporter;
import io.github.latentcheck.run.Experiment;
import io.github.latentcheck.run.ExperimentResult;
import io.github.latentcheck.run.ExperimentRunner;
import io.github.latentcheck.spec.ExperimentSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code latentcheck run SPEC.yaml}: runs an experiment and writes its report. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run an experiment spec and write its report (index.html, results.json, junit.xml, summary.md).")
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec command;

    @Parameters(index = "0", paramLabel = "SPEC.yaml", description = "The experiment spec.")
    Path specFile;

    @Option(names = "--out", paramLabel = "DIR", description = "Report folder, anywhere (default: the spec's output, "
            + "which must lie below the spec's folder, else reports/<experiment name>). It is replaced whole; a folder "
            + "that is neither empty nor a latentcheck report is refused.")
    Path out;

    @Option(names = "--seed", paramLabel = "N", description = "Seed, overriding the spec's.")
    Long seed;

    @Option(names = "--samples", paramLabel = "N", description = "Draws per prior, overriding the spec's.")
    Integer samples;

    @Option(names = "--threads", paramLabel = "N", description = "Threads (default: the processors available). "
            + "Results do not depend on it.")
    Integer threads;

    @Option(names = "--baseline", paramLabel = "RESULTS.json", description = "An earlier run's results.json, "
            + "for gates relative to it (e.g. 'marginal-ks.maxStatistic <= baseline + 0.005').")
    Path baseline;

    @Option(names = "--json", description = "Print results.json on standard output instead of the summary table.")
    boolean json;

    @Option(names = "--save-samples", description = "Also write latents-<prior>.npy (float64) and "
            + "samples-<prior>.npy (float32) for every prior into the report folder.")
    boolean saveSamples;

    @Override
    public Integer call() throws IOException {
        requireAtLeastOne("--samples", samples);
        requireAtLeastOne("--threads", threads);
        ExperimentSpec spec = ExperimentSpec.read(specFile);
        Experiment experiment = Experiment.load(spec, seed != null ? seed : spec.seed(),
                samples != null ? samples : spec.samples(),
                baseline == null ? Optional.empty() : Optional.of(Baseline.read(baseline)));
        Path directory = out != null ? out : spec.output().orElse(Path.of("reports", spec.name()));
        try {
            ReportFolder.checkReplaceable(directory);
        } catch (InvalidInputException e) {
            if (out != null || spec.output().isEmpty()) {
                throw e;
            }
            throw new InvalidInputException(spec.outputWhere() + ": " + e.getMessage(), e);
        }
        int threadCount = threads != null ? threads : Tasks.defaultThreads();
        ExperimentResult result = ExperimentRunner.withDefaults().withThreads(threadCount).withListener(TerminalProgress.forStandardError())
                .run(experiment);
        ReportFolder.write(directory, folder -> {
            ReportWriter.withDefaults().writeInto(folder, result);
            if (saveSamples) {
                SavedSamples.write(folder, result);
            }
        });
        PrintWriter stdout = command.commandLine().getOut();
        if (json) {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            Reporter.resultsJson().write(result, buffer);
            stdout.print(buffer.toString(StandardCharsets.UTF_8));
        } else {
            printSummary(stdout, result, directory);
        }
        stdout.flush();
        return LatentcheckCommand.exitStatus(result.verdict());
    }

    /**
     * @param option the option's name, for the message
     * @param value its value, or null when it was not given
     * @throws InvalidInputException when the value is given and below 1
     */
    static void requireAtLeastOne(String option, Integer value) {
        if (value != null && value < 1) {
            throw new InvalidInputException(option + " is not at least 1: " + value);
        }
    }

    private static void printSummary(PrintWriter out, ExperimentResult result, Path directory) {
        CommandGates.printTable(out, result.gates());
        out.printf(Locale.ROOT, "%s: %s in %.1f s; report in %s%n", result.experiment().name(),
                result.verdictSummary(), result.duration().toNanos() / 1e9, directory.resolve("index.html"));
    }
}
