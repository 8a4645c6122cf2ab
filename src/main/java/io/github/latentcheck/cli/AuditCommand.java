package io.github.latentcheck.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.check.CheckResult;
import io.github.latentcheck.check.MemorizationCheck;
import io.github.latentcheck.data.MappedNpyFile;
import io.github.latentcheck.data.NpyShards;
import io.github.latentcheck.data.ParquetFiles;
import io.github.latentcheck.engine.Engines;
import io.github.latentcheck.knn.ReferenceRows;
import io.github.latentcheck.data.SampleFiles;
import io.github.latentcheck.data.Samples;
import io.github.latentcheck.internal.concurrent.Tasks;
import io.github.latentcheck.internal.report.JsonResultsReporter;
import io.github.latentcheck.run.ExperimentResult;
import io.github.latentcheck.stats.TestResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code latentcheck audit}: the {@code memorization} check on samples read from a file. Without
 * {@code --holdout} it reports only the train-based metrics ({@code holdout: none}). With
 * The check always runs as a one-prior experiment whose generator reads the samples file, so every
 * output flag gives the same numbers; with {@code --out} it writes the standard report (index.html
 * with the suspects' gallery, results.json, junit.xml, summary.md, memorization-samples.csv) and
 * beside it {@code audit.yaml}, the spec that reproduces it with {@code latentcheck run}. Its gates
 * are the {@code --gate} options, or by default the check's own criteria
 * ({@link MemorizationCheck#criteria()}): exit 0 when they hold, 1 when one fails, 2 for bad input.
 *
 * <p>A {@code .npy} training file whose values would take more than a quarter of the heap is
 * memory-mapped ({@link MappedNpyFile#openIfLarge}) and streamed through the search; a bad value in
 * it is then found during the search, and since output is written only after the check ends,
 * nothing is written. On a terminal each long search shows its progress on standard error.
 */
@Command(name = "audit", mixinStandardHelpOptions = true, preprocessor = OldSpellings.class,
        description = "Memorization audit: score generated samples against the training rows (and held-out rows): "
                + "near-copies, distances to the closest record, membership inference and the data-copying test.")
final class AuditCommand implements Callable<Integer> {
    private static final Pattern SHAPE = Pattern.compile("(\\d+)x(\\d+)");

    @Spec
    CommandSpec command;

    @Option(names = "--samples", required = true, paramLabel = "FILE", description = "Generated samples, .npy or .csv.")
    Path samplesFile;

    @Option(names = "--train", required = true, paramLabel = "FILE", description = "Training rows, .npy or .csv; "
            + "a .npy file larger than a quarter of the heap is memory-mapped and streamed. A folder of .npy shards "
            + "or a glob ('emb/img_emb_*.npy') is read shard by shard, in file-name order, each mapped. Parquet (a "
            + ".parquet file, a folder of them or a glob) is read a row group at a time; it needs Spark's jars on the "
            + "class path (spark-submit).")
    Path trainFile;

    @Option(names = "--train-column", paramLabel = "NAME", description = "With Parquet training files: the column of "
            + "float or double arrays to read (default: the only such column).")
    String trainColumn;

    @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = "local", description = "Where the k-NN passes "
            + "over the training rows run: local (default) or spark (Apache Spark on the class path, e.g. through "
            + "spark-submit). Results do not depend on it.")
    String engine;

    @Option(names = "--master", paramLabel = "URL", description = "With --engine spark: the Spark master, e.g. "
            + "local[2]; by default the one spark-submit sets.")
    String master;

    @Option(names = "--partition-rows", paramLabel = "N", description = "With --engine spark: training rows per "
            + "Spark task at most (default 1048576).")
    Integer partitionRows;

    @Option(names = "--holdout", paramLabel = "FILE", description = "Held-out rows from the training distribution.")
    Path holdoutFile;

    @Option(names = "--neighbors", paramLabel = "K", description = "Training neighbours averaged by Carlini et al.'s "
            + "score (default 50, capped at the training rows − 1); at least 2 and below the number of training rows; "
            + "formerly --k.")
    Integer k;

    @Option(names = "--image-shape", paramLabel = "HxW", description = "Show rows as H×W grayscale images, e.g. 8x8.")
    String imageShape;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
            description = "Seed of the subsample and the k-means cells (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", paramLabel = "DIR", description = "Write the report into DIR (created, or replaced whole when it holds "
            + "an earlier report).")
    Path out;

    @Option(names = "--json", description = "Print one JSON object with the metrics and tests.")
    boolean json;

    @Option(names = "--threads", paramLabel = "N", description = "Threads (default: the processors available). "
            + "Results do not depend on it.")
    Integer threads;

    @Option(names = "--gate", paramLabel = "EXPR", description = "A criterion such as "
            + "'memorization.copyFraction <= 0.001' (repeatable); replaces the default criteria, the check's own "
            + "verdict: memorization.copyFraction <= 0.01 and, with --holdout, memorization.dataCopyingPValue >= 0.01.")
    List<String> gates = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        int threadCount = threads != null ? threads : Tasks.defaultThreads();
        if (threadCount < 1) {
            throw new InvalidInputException("--threads is not at least 1: " + threadCount);
        }
        Map<String, Object> engineSpec = engineSpec();
        Engines.of(engine, master, partitionRows != null ? partitionRows : Engines.PARTITION_ROWS);
        Samples samples = SampleFiles.readSamples(samplesFile);
        Optional<ReferenceRows> mapped = NpyShards.isSharded(trainFile) || ParquetFiles.isParquet(trainFile)
                || trainColumn != null || !engine.equals("local")
                ? Optional.of(ReferenceRows.open(trainFile, trainColumn))
                : MappedNpyFile.openIfLarge(trainFile).map(ReferenceRows::of);
        int[] trainingShape = mapped.map(rows -> new int[] {rows.rows(), rows.columns()})
                .orElseGet(() -> shapeOf(trainFile));
        int trainingRows = trainingShape[0];
        int trainingColumns = trainingShape[1];
        requireSameColumns(samples.columns(), samplesFile, trainingColumns, trainFile);
        if (holdoutFile != null) {
            requireSameColumns(SampleFiles.readSamples(holdoutFile).columns(), holdoutFile, trainingColumns, trainFile);
        }
        if (k != null && (k < 2 || k >= trainingRows)) {
            throw new InvalidInputException("--neighbors " + k + " is not at least 2 and below the number of training "
                    + "rows in " + trainFile + ": " + trainingRows);
        }
        int[] shape = shape(samples.columns());
        MemorizationCheck check = check(shape);
        List<String> criteria = CommandGates.criteria(gates, check);
        ExperimentResult result = experiment(samples.rows(), shape, criteria, engineSpec).run(threadCount, out);
        CheckResult memorization = result.runs().get(0).checks().get(0);
        PrintWriter stdout = command.commandLine().getOut();
        if (json) {
            stdout.print(json(result, memorization));
        } else {
            printSummary(stdout, result, memorization);
        }
        stdout.flush();
        return LatentcheckCommand.exitStatus(result.verdict());
    }

    private MemorizationCheck check(int[] shape) {
        MemorizationCheck check = MemorizationCheck.withDefaults().with(holdoutFile != null
                ? MemorizationCheck.HoldoutUse.REQUIRED : MemorizationCheck.HoldoutUse.NONE);
        if (k != null) {
            check = check.withNeighbors(k);
        }
        return shape.length == 2 ? check.withImageShape(shape[0], shape[1]) : check;
    }

    private int[] shape(int columns) {
        if (imageShape == null) {
            return new int[0];
        }
        Matcher m = SHAPE.matcher(imageShape);
        if (!m.matches()) {
            throw new InvalidInputException("--image-shape is not HxW with whole numbers, e.g. 8x8: '" + imageShape + "'");
        }
        int h = Integer.parseInt(m.group(1));
        int w = Integer.parseInt(m.group(2));
        if (h < 1 || w < 1 || (long) h * w != columns) {
            throw new InvalidInputException("--image-shape " + imageShape + " does not hold the " + columns
                    + " columns of " + samplesFile);
        }
        return new int[] {h, w};
    }

    /**
     * Reads a file whole, so that a bad value is refused before the run, and keeps only its shape: the
     * experiment reads the file again, and holding this copy through the run would double the heap the
     * training rows take.
     *
     * @return {rows, columns}
     */
    private static int[] shapeOf(Path file) {
        Samples rows = SampleFiles.readSamples(file);
        return new int[] {rows.rows(), rows.columns()};
    }

    private static void requireSameColumns(int columns, Path file, int trainingColumns, Path trainFile) {
        if (columns != trainingColumns) {
            throw new InvalidInputException(file + ": row 0 has " + columns + " columns but the rows of "
                    + trainFile + " have " + trainingColumns);
        }
    }

    /** The audit as a one-prior experiment whose generator returns the rows of the samples file. */
    private SamplesExperiment experiment(int rows, int[] shape, List<String> criteria, Map<String, Object> engineSpec)
            throws IOException {
        Map<String, Object> check = new LinkedHashMap<>();
        check.put("type", "memorization");
        check.put("holdout", holdoutFile != null ? "required" : "none");
        if (k != null) {
            check.put("neighbors", k);
        }
        if (shape.length == 2) {
            check.put("image_shape", List.of(shape[0], shape[1]));
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("training", trainFile.toAbsolutePath().toString());
        if (trainColumn != null) {
            data.put("training_column", trainColumn);
        }
        if (holdoutFile != null) {
            data.put("holdout", holdoutFile.toAbsolutePath().toString());
        }
        return SamplesExperiment.of("audit", "memorization-audit", "Memorization audit of " + samplesFile + " against "
                + trainFile + (holdoutFile != null ? " and " + holdoutFile : "") + ".", samplesFile, rows, seed, data,
                List.of(check), criteria, out, engine.equals("local") ? null : engineSpec);
    }

    /** @return the spec's {@code engine} section for --engine, --master and --partition-rows */
    private Map<String, Object> engineSpec() {
        if (!engine.equals("local") && !engine.equals("spark")) {
            throw new InvalidInputException("--engine is not one of local, spark: '" + engine + "'");
        }
        if (engine.equals("local") && (master != null || partitionRows != null)) {
            throw new InvalidInputException("--master and --partition-rows need --engine spark");
        }
        if (partitionRows != null && partitionRows < 1) {
            throw new InvalidInputException("--partition-rows is not at least 1: " + partitionRows);
        }
        Map<String, Object> section = new LinkedHashMap<>();
        section.put("type", engine);
        if (master != null) {
            section.put("master", master);
        }
        if (partitionRows != null) {
            section.put("partition_rows", partitionRows);
        }
        return section;
    }

    private String json(ExperimentResult run, CheckResult result) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (JsonGenerator g = new JsonFactory().createGenerator(buffer, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeStringField("check", result.id());
            g.writeStringField("samples", samplesFile.toString());
            g.writeStringField("training", trainFile.toString());
            if (holdoutFile != null) {
                g.writeStringField("holdout", holdoutFile.toString());
            } else {
                g.writeNullField("holdout");
            }
            g.writeBooleanField("passed", run.passed());
            g.writeStringField("verdict", run.verdict().label().toLowerCase(Locale.ROOT));
            g.writeStringField("state", result.state().label());
            g.writeObjectFieldStart("metrics");
            for (Map.Entry<String, Number> metric : result.metrics().entrySet()) {
                g.writeFieldName(metric.getKey());
                writeNumber(g, metric.getValue());
            }
            g.writeEndObject();
            g.writeArrayFieldStart("tests");
            for (TestResult t : result.tests()) {
                g.writeStartObject();
                g.writeStringField("name", t.name());
                g.writeFieldName("statistic");
                writeNumber(g, t.statistic());
                g.writeFieldName("pValue");
                writeNumber(g, t.pValue());
                g.writeStringField("method", t.method().label());
                g.writeEndObject();
            }
            g.writeEndArray();
            JsonResultsReporter.writeGates(g, run.gates());
            if (out != null) {
                g.writeStringField("report", out.resolve("index.html").toString());
            }
            g.writeEndObject();
        }
        return buffer.toString(StandardCharsets.UTF_8) + System.lineSeparator();
    }

    private static void writeNumber(JsonGenerator g, Number value) throws IOException {
        if (value instanceof Long || value instanceof Integer) {
            g.writeNumber(value.longValue());
        } else if (Double.isFinite(value.doubleValue())) {
            g.writeNumber(value.doubleValue());
        } else {
            g.writeNull();
        }
    }

    private void printSummary(PrintWriter stdout, ExperimentResult run, CheckResult result) {
        int width = result.metrics().keySet().stream().mapToInt(String::length).max().orElse(6);
        for (Map.Entry<String, Number> metric : result.metrics().entrySet()) {
            Number v = metric.getValue();
            String text = v instanceof Long ? v.toString() : String.format(Locale.ROOT, "%.6g", v.doubleValue());
            stdout.printf(Locale.ROOT, "%-" + width + "s  %s%n", metric.getKey(), text);
        }
        CommandGates.printTable(stdout, run.gates());
        stdout.printf(Locale.ROOT, "%s: %s%s%n", samplesFile, run.verdictSummary(),
                out != null ? "; report in " + out.resolve("index.html") : "");
    }
}
