package io.github.latentcheck.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.github.latentcheck.internal.data.AtomicFile;
import io.github.latentcheck.internal.report.ReportFolder;
import io.github.latentcheck.report.ReportWriter;
import io.github.latentcheck.run.Experiment;
import io.github.latentcheck.run.ExperimentResult;
import io.github.latentcheck.run.ExperimentRunner;
import io.github.latentcheck.spec.ExperimentSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How {@code audit} and {@code coverage} score a file of samples made elsewhere: as a one-prior
 * experiment whose {@code file} generator returns the file's rows in order, so that every output
 * flag gives the same numbers as {@code latentcheck run} on the spec, which {@code --out} writes
 * beside the standard report as {@code <command>.yaml}. The prior is labelled {@code samples}; its
 * latents are drawn and not used.
 *
 * @param command the command's name: the spec's file name and the progress label
 * @param yaml the spec
 * @param specFile where the spec is said to be: {@code DIR/<command>.yaml} with {@code --out DIR}
 */
record SamplesExperiment(String command, String yaml, Path specFile) {
    /**
     * @param command the command's name
     * @param name the experiment's name, the report's title
     * @param description the spec's description
     * @param samplesFile the samples
     * @param rows the rows of the samples file, all of which are scored
     * @param seed the seed
     * @param data the spec's {@code data} (training, holdout), absolute paths; possibly empty
     * @param checks the checks' options
     * @param gates the criteria
     * @param out the report folder, or null
     * @param engine the spec's {@code engine} section, or null for the local engine
     * @return the experiment
     * @throws JsonProcessingException never in practice (the spec is written to a string)
     */
    static SamplesExperiment of(String command, String name, String description, Path samplesFile, int rows, long seed,
            Map<String, Object> data, List<Map<String, Object>> checks, List<String> gates, Path out,
            Map<String, Object> engine) throws JsonProcessingException {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("name", name);
        spec.put("description", description + " The latents are not used: the generator returns the rows of the "
                + "samples file in order.");
        spec.put("seed", seed);
        spec.put("samples", rows);
        spec.put("latent_dim", 1);
        spec.put("priors", List.of(Map.of("type", "gaussian", "label", "samples")));
        spec.put("generator", Map.of("type", "file", "path", samplesFile.toAbsolutePath().toString()));
        if (!data.isEmpty()) {
            spec.put("data", data);
        }
        spec.put("checks", checks);
        spec.put("gates", gates);
        if (engine != null) {
            spec.put("engine", engine);
        }
        String yaml = new ObjectMapper(new YAMLFactory()).writeValueAsString(spec);
        return new SamplesExperiment(command, yaml, (out != null ? out : Path.of("")).resolve(command + ".yaml"));
    }

    /**
     * Runs the experiment, its progress shown as {@code [<command>] <check>: <step>} on a terminal,
     * and with {@code out} publishes the report and the spec there, whole.
     *
     * @param threads the threads
     * @param out the report folder, or null for none
     * @return the finished run
     * @throws IOException when the report cannot be written
     */
    ExperimentResult run(int threads, Path out) throws IOException {
        if (out != null) {
            ReportFolder.checkReplaceable(out);
        }
        Experiment experiment = Experiment.load(ExperimentSpec.parse(yaml, specFile));
        ExperimentResult result = ExperimentRunner.withDefaults().withThreads(threads).withListener(TerminalProgress.forCommand(command)).run(experiment);
        if (out != null) {
            ReportFolder.write(out, folder -> {
                ReportWriter.withDefaults().writeInto(folder, result);
                AtomicFile.write(folder.resolve(specFile.getFileName()), yaml.getBytes(StandardCharsets.UTF_8));
            });
        }
        return result;
    }
}
