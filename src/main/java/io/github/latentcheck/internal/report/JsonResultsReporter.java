package io.github.latentcheck.internal.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import io.github.latentcheck.check.CheckResult;
import io.github.latentcheck.features.FeatureStage;
import io.github.latentcheck.gate.GateResult;
import io.github.latentcheck.report.Reporter;
import io.github.latentcheck.run.Experiment;
import io.github.latentcheck.run.ExperimentResult;
import io.github.latentcheck.run.PriorRun;
import io.github.latentcheck.stats.TestResult;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code results.json}: the machine-readable results, with the field names fixed by the design
 * (experiment, seed, passed, runs[].prior, runs[].checks[].check/passed/metrics/tests,
 * gates[].expression/prior/value/passed, and gates[].baseline for gates relative to a baseline run, gates[].reason when a gate failed because its check was
 * underpowered; runs[].sweepFamily, the prior's own label, in a dimension sweep). It holds nothing that changes between runs of the same
 * spec and seed, so two such runs give identical bytes. Non-finite numbers are written as null.
 */
public final class JsonResultsReporter implements Reporter {
    @Override
    public String fileName() {
        return "results.json";
    }

    @Override
    public void write(ExperimentResult result, OutputStream out) throws IOException {
        try (JsonGenerator json = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                    .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                    .withArrayIndenter(new DefaultIndenter("  ", "\n"));
            json.setPrettyPrinter(printer);
            writeResult(json, result);
            json.writeRaw('\n');
        }
    }

    /**
     * Writes the whole results object; shared with the command line's {@code --json}.
     *
     * @param json the generator to write to
     * @param result the finished run
     * @throws IOException if writing fails
     */
    static void writeResult(JsonGenerator json, ExperimentResult result) throws IOException {
        json.writeStartObject();
        json.writeStringField("experiment", result.experiment().name());
        json.writeNumberField("seed", result.experiment().seed());
        json.writeNumberField("samples", result.experiment().samples());
        json.writeBooleanField("passed", result.passed());
        json.writeStringField("verdict", result.verdict().label().toLowerCase(Locale.ROOT));
        writeFeatures(json, result.experiment());
        json.writeArrayFieldStart("runs");
        for (PriorRun run : result.runs()) {
            json.writeStartObject();
            json.writeStringField("prior", run.label());
            json.writeStringField("type", run.prior().type());
            json.writeStringField("description", run.prior().description());
            json.writeNumberField("dimension", run.prior().dimension());
            Experiment.SweepMember member = result.experiment().sweep().get(run.label());
            if (member != null) {
                json.writeStringField("sweepFamily", member.family());
            }
            json.writeBooleanField("passed", run.passed());
            json.writeArrayFieldStart("checks");
            for (CheckResult check : run.checks()) {
                writeCheck(json, check);
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        json.writeEndArray();
        writeGates(json, result.gates());
        json.writeEndObject();
    }

    /**
     * Writes the field {@code features} when the run has a feature stage: the embedding model's file and SHA-256,
     * its preprocessing, the feature dimension, and each check's space ({@code features} or {@code raw}).
     */
    private static void writeFeatures(JsonGenerator json, Experiment experiment) throws IOException {
        if (experiment.features().isEmpty()) {
            return;
        }
        FeatureStage stage = experiment.features().get();
        json.writeObjectFieldStart("features");
        json.writeStringField("model", stage.model().getFileName().toString());
        json.writeStringField("sha256", stage.modelSha256());
        json.writeStringField("preprocessing", stage.preprocessing().key());
        json.writeNumberField("dimension", stage.dimension());
        json.writeObjectFieldStart("spaces");
        for (int i = 0; i < experiment.checks().size(); i++) {
            json.writeStringField(experiment.checks().get(i).id(),
                    experiment.space(i).name().toLowerCase(Locale.ROOT));
        }
        json.writeEndObject();
        json.writeEndObject();
    }

    /**
     * Writes the field {@code gates}: one object per verdict with its expression, prior, check,
     * metric, value, bound (and baseline), passed and reason; shared with the commands' {@code --json}.
     *
     * @param json where to write, inside an object
     * @param gates the verdicts
     * @throws IOException from the generator
     */
    public static void writeGates(JsonGenerator json, List<GateResult> gates) throws IOException {
        json.writeArrayFieldStart("gates");
        for (GateResult gate : gates) {
            json.writeStartObject();
            json.writeStringField("expression", gate.expression());
            json.writeStringField("prior", gate.prior());
            json.writeStringField("check", gate.gate().check());
            json.writeStringField("metric", gate.gate().metric());
            json.writeFieldName("value");
            writeNumber(json, gate.value());
            json.writeFieldName("bound");
            writeNumber(json, gate.bound());
            if (gate.gate().isRelative()) {
                json.writeFieldName("baseline");
                writeNumber(json, gate.baseline());
            }
            json.writeBooleanField("passed", gate.passed());
            if (!gate.reason().isEmpty()) {
                json.writeStringField("reason", gate.reason());
            }
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    /**
     * Writes one check's result as the object {@code results.json} holds in {@code checks}: id, type,
     * verdict, correction, metrics (non-finite numbers as null) and tests.
     *
     * @param json where to write
     * @param check the result
     * @throws IOException from the generator
     */
    public static void writeCheck(JsonGenerator json, CheckResult check) throws IOException {
        json.writeStartObject();
        json.writeStringField("check", check.id());
        json.writeStringField("type", check.type());
        json.writeBooleanField("passed", check.passed());
        json.writeStringField("state", check.state().label());
        if (check.underpowered().isPresent()) {
            json.writeStringField("underpowered", check.underpowered().get());
        }
        json.writeStringField("correction", check.correction());
        json.writeObjectFieldStart("metrics");
        for (Map.Entry<String, Number> metric : check.metrics().entrySet()) {
            json.writeFieldName(metric.getKey());
            writeNumber(json, metric.getValue());
        }
        json.writeEndObject();
        json.writeArrayFieldStart("tests");
        for (TestResult test : check.tests()) {
            json.writeStartObject();
            json.writeStringField("name", test.name());
            json.writeFieldName("statistic");
            writeNumber(json, test.statistic());
            json.writeFieldName("pValue");
            writeNumber(json, test.pValue());
            json.writeFieldName("logPValue");
            writeNumber(json, test.logPValue());
            json.writeFieldName("adjustedPValue");
            writeNumber(json, test.adjustedPValue());
            json.writeStringField("method", test.method().label());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private static void writeNumber(JsonGenerator json, Number value) throws IOException {
        if (value instanceof Long || value instanceof Integer) {
            json.writeNumber(value.longValue());
        } else if (Double.isFinite(value.doubleValue())) {
            json.writeNumber(value.doubleValue());
        } else {
            json.writeNull();
        }
    }
}
