package io.github.latentcheck.report;

import io.github.latentcheck.chart.Chart;
import io.github.latentcheck.chart.ImageGrid;
import io.github.latentcheck.chart.Series;
import io.github.latentcheck.check.CheckResult;
import io.github.latentcheck.check.SampleTable;
import io.github.latentcheck.data.Samples;
import io.github.latentcheck.gate.GateResult;
import io.github.latentcheck.internal.report.Versions;
import io.github.latentcheck.internal.text.SafeText;
import io.github.latentcheck.run.ExperimentResult;
import io.github.latentcheck.run.PriorRun;
import io.github.latentcheck.run.Verdict;
import io.github.latentcheck.spec.ExperimentSpec;
import io.github.latentcheck.stats.TestResult;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code index.html}: one self-contained page (inline CSS, charts as inline PNG, no scripts, no
 * network) that a reviewer reads top-down. First the verdict with its counts, the failing gates with
 * value, bound and reason, and a table of contents; then every gate (result first, so it stays in
 * view on a narrow screen), the run's facts, the priors side by side (rows whose sample counts differ
 * significantly highlighted, {@link PriorDifferences}), a generated-against-training scatter for 2-D
 * outputs, and one section per check in which every prior has a column: its state, metrics, most
 * significant tests, and each chart drawn for every prior on shared axes, then image grids and the
 * first rows of its per-sample table with a link to the CSV file. Pass and fail are shown by words
 * and symbols as well as colour; every table scrolls inside its own box, so the page never overflows
 * a narrow screen.
 */
final class HtmlReporter implements Reporter {
    /** Tests listed per check; the rest are in results.json. */
    static final int TESTS_SHOWN = 12;
    /**
     * Tests by adjusted p-value, then by raw p-value (through its logarithm, which still orders
     * p-values that underflow to 0): a correction such as Holm's caps many adjusted p-values at 1,
     * and among those the raw p-value says which came closest.
     */
    static final Comparator<TestResult> MOST_SIGNIFICANT_FIRST = Comparator.comparingDouble(
            TestResult::adjustedPValue).thenComparingDouble(TestResult::logPValue);
    /** Rows of a per-sample table shown per check; the rest are in its CSV file. */
    static final int TABLE_ROWS_SHOWN = 10;
    /** Rows of each set drawn in the generated-against-training scatter. */
    static final int SCATTER_ROWS = 1500;

    private static final String STYLE = "*{box-sizing:border-box}"
            + "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;max-width:1160px;margin:1.5em auto;"
            + "padding:0 1em;color:#222;line-height:1.45;overflow-wrap:anywhere}"
            + "h1{margin:.2em 0}h2{margin-top:1.6em}table{border-collapse:collapse;overflow-wrap:normal}"
            + ".box{overflow-x:auto;max-width:100%;margin:.6em 0 1.2em}"
            + "th,td{border:1px solid #ccc;padding:.25em .6em;text-align:left;vertical-align:top}"
            + "th{background:#f3f3f3}td,th{overflow-wrap:normal;word-break:normal}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}"
            + ".pass{color:#0a6b2d;font-weight:600}.fail{color:#b00020;font-weight:600}.warn{color:#8a5300;font-weight:600}"
            + "td.pass,td.fail,td.warn{white-space:nowrap}"
            + ".verdict{font-size:1.3em;padding:.4em .8em;display:inline-block;border-radius:4px;margin:.4em 0}"
            + ".verdict.pass{background:#e6f4ea}.verdict.fail{background:#fde7e9}.verdict.none{background:#eee}"
            + ".failing{background:#fff5f5;border-left:4px solid #b00020;padding:.4em 1em}.failing li{margin:.3em 0}"
            + "nav.toc{background:#f7f7f7;padding:.4em 1em;border-radius:4px;margin:1em 0}nav.toc ol{margin:.3em 0;padding-left:1.4em}"
            + "tr.differs td{background:#fff4d6}"
            + ".priors{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,360px),1fr));gap:.5em 1.5em}"
            + ".priors>*{min-width:0}"
            + "figure{margin:.4em 0 .8em}figcaption{font-size:.85em;color:#555}img{max-width:100%;height:auto}"
            + "section.check{border-top:2px solid #ddd;margin-top:1.5em}code{background:#f5f5f5;padding:0 .2em}"
            + "code.hash{word-break:break-all}.meta td:first-child{color:#555;white-space:nowrap}"
            + "pre{background:#f7f7f7;padding:.6em;overflow-x:auto}details{margin:.5em 0 1em}summary{cursor:pointer}"
            + ".note{color:#555;font-size:.9em}"
            + "table.gallery td{text-align:center;font-size:.8em}table.gallery img{image-rendering:pixelated}";

    @Override
    public String fileName() {
        return "index.html";
    }

    @Override
    public void write(ExperimentResult result, OutputStream out) throws IOException {
        StringBuilder html = new StringBuilder(1 << 16);
        String name = result.experiment().name();
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>latentcheck: ").append(escape(name)).append("</title>\n<style>").append(STYLE)
                .append("</style>\n</head>\n<body>\n<main>\n");
        html.append("<h1>latentcheck: ").append(escape(name)).append("</h1>\n");
        String description = result.experiment().spec().description();
        if (!description.isEmpty()) {
            html.append("<p>").append(escape(description)).append("</p>\n");
        }
        writeHeadline(html, result);
        writeContents(html, result);
        writeGates(html, result);
        writeRunFacts(html, result);
        if (result.runs().size() > 1) {
            writeComparison(html, result);
        }
        List<Chart> sweep = SweepCharts.of(result);
        if (!sweep.isEmpty()) {
            html.append("<h2 id=\"sweep\">Latent dimension sweep</h2>\n<p>Every metric that changes with the latent "
                    + "dimension, against the dimension.</p>\n<div class=\"priors\">\n");
            for (Chart chart : sweep) {
                html.append("<div>");
                writeFigure(html, chart, "sweep");
                html.append("</div>\n");
            }
            html.append("</div>\n");
        }
        writeOutputsAgainstTraining(html, result);
        for (String check : checkIds(result)) {
            writeCheck(html, result, check);
        }
        html.append("</main>\n</body>\n</html>\n");
        out.write(html.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The verdict with its counts, then every failing gate: value, bound and the one-line reason. */
    private static void writeHeadline(StringBuilder html, ExperimentResult result) {
        html.append("<p class=\"verdict ").append(verdictClass(result.verdict())).append("\" id=\"verdict\">")
                .append(verdictSymbol(result.verdict())).append(' ').append(escape(result.verdictSummary()))
                .append("</p>\n");
        List<CheckResult> checks = result.runs().stream().flatMap(r -> r.checks().stream()).toList();
        html.append("<p class=\"counts\" id=\"counts\">");
        if (!result.gates().isEmpty()) {
            long failed = result.gates().stream().filter(g -> !g.passed()).count();
            html.append("Gates: ").append(result.gates().size() - failed).append(" passed, ").append(failed)
                    .append(" failed. ");
        }
        html.append("Checks").append(result.runs().size() > 1 ? " (per prior)" : "").append(": ")
                .append(count(checks, CheckResult.State.PASSED)).append(" pass, ")
                .append(count(checks, CheckResult.State.FAILED)).append(" fail, ")
                .append(count(checks, CheckResult.State.UNDERPOWERED)).append(" underpowered.</p>\n");
        List<GateResult> failing = result.gates().stream().filter(g -> !g.passed()).toList();
        if (!failing.isEmpty()) {
            html.append("<div class=\"failing\" id=\"failing\"><strong>Failing gates</strong>\n<ul>\n");
            for (GateResult gate : failing) {
                PriorRun run = runOf(result, gate.prior());
                html.append("<li><span class=\"fail\">✘</span> ");
                if (result.runs().size() > 1) {
                    html.append(escape(gate.prior())).append(": ");
                }
                html.append("<code>").append(escape(gate.expression())).append("</code>: value ")
                        .append(Formats.number(gate.value())).append(", bound ").append(escape(Formats.bound(gate)))
                        .append(". ").append(escape(reason(gate))).append(" <a href=\"#")
                        .append(escape(checkAnchor(run, gate.gate().check()))).append("\">Details</a></li>\n");
            }
            html.append("</ul>\n</div>\n");
        }
    }

    /** @return why a gate failed in one line: the underpowered reason, or the check's strongest evidence */
    private static String reason(GateResult gate) {
        if (!gate.reason().isEmpty()) {
            return gate.reason() + ".";
        }
        double p = gate.checkPValue();
        return Double.isNaN(p) ? "" : "Smallest adjusted p-value of " + gate.gate().check() + ": "
                + Formats.number(p) + ".";
    }

    private static long count(List<CheckResult> checks, CheckResult.State state) {
        return PriorColumns.count(checks, state);
    }

    private static PriorRun runOf(ExperimentResult result, String label) {
        return result.runs().stream().filter(r -> r.label().equals(label)).findFirst().orElseThrow();
    }

    private static void writeContents(StringBuilder html, ExperimentResult result) {
        html.append("<nav class=\"toc\" id=\"contents\"><strong>Contents</strong>\n<ol>\n")
                .append("<li><a href=\"#gates\">Gates</a></li>\n<li><a href=\"#run\">Run</a></li>\n");
        if (result.runs().size() > 1) {
            html.append("<li><a href=\"#comparison\">Priors side by side</a></li>\n");
        }
        if (!SweepCharts.of(result).isEmpty()) {
            html.append("<li><a href=\"#sweep\">Latent dimension sweep</a></li>\n");
        }
        if (hasTwoDimensionalTraining(result)) {
            html.append("<li><a href=\"#outputs\">Generated against training</a></li>\n");
        }
        for (String check : checkIds(result)) {
            html.append("<li><a href=\"#").append(escape(sectionAnchor(check))).append("\">").append(escape(check))
                    .append("</a>");
            for (PriorRun run : result.runs()) {
                Optional<CheckResult> c = checkOf(run, check);
                if (c.isEmpty()) {
                    continue;
                }
                html.append(" · <a href=\"#").append(escape(checkAnchor(run, check))).append("\" class=\"")
                        .append(stateClass(c.get().state())).append("\">")
                        .append(result.runs().size() > 1 ? escape(run.label()) + " " : "")
                        .append(stateText(c.get().state())).append("</a>");
            }
            html.append("</li>\n");
        }
        html.append("</ol>\n</nav>\n");
    }

    private static Set<String> checkIds(ExperimentResult result) {
        return PriorColumns.checkIds(result);
    }

    private static Optional<CheckResult> checkOf(PriorRun run, String id) {
        return PriorColumns.checkOf(run, id);
    }

    private static void writeRunFacts(StringBuilder html, ExperimentResult result) throws IOException {
        ExperimentSpec spec = result.experiment().spec();
        html.append("<h2 id=\"run\">Run</h2>\n<div class=\"box\"><table class=\"meta\">\n");
        fact(html, "seed", Long.toString(result.experiment().seed()));
        fact(html, "samples per prior", Integer.toString(result.experiment().samples()));
        fact(html, "generator", "<code>" + escape(spec.generator().requireString("type")) + "</code>");
        result.experiment().features().ifPresent(f -> fact(html, "features", f.dimension() + " per image; "
                + "<code>" + escape(f.preprocessing().key()) + "</code>"));
        fact(html, "started", escape(Formats.timestamp(result.startedAt())));
        fact(html, "duration", Formats.seconds(result.duration()));
        fact(html, "latentcheck", escape(Versions.latentcheck()) + ", Java " + escape(Runtime.version().toString()));
        List<InputFile> inputs = new ArrayList<>();
        inputs.add(InputFile.of("spec", spec.file(), spec.text().getBytes(StandardCharsets.UTF_8)));
        spec.training().filter(p -> Files.isRegularFile(p) || result.experiment().features().isEmpty())
                .ifPresent(p -> inputs.addAll(InputFile.ofShards("training", p)));
        spec.holdout().filter(Files::isRegularFile).ifPresent(p -> inputs.add(InputFile.of("holdout", p)));
        result.experiment().features().ifPresent(f -> inputs.add(InputFile.of("embedding model", f.model())));
        for (InputFile input : inputs) {
            fact(html, input.role(), "<code>" + escape(displayed(input.path())) + "</code><br>"
                    + String.format(Locale.ROOT, "%,d bytes, SHA-256 <code class=\"hash\">%s</code>", input.bytes(),
                    input.sha256()));
        }
        html.append("</table></div>\n<details><summary>Spec <code>").append(escape(displayed(spec.file())))
                .append("</code></summary>\n<pre>").append(escape(spec.text()))
                .append("</pre>\n</details>\n");
    }

    /** @return the path normalized, and relative to the working folder when it lies inside it */
    private static String displayed(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Path here = Path.of("").toAbsolutePath();
        return (absolute.startsWith(here) ? here.relativize(absolute) : absolute).toString();
    }

    /**
     * @param run a prior's run
     * @param check a check's id
     * @return the id of the prior's part of the check's section in index.html, {@code check-<prior>-<check>}
     */
    static String checkAnchor(PriorRun run, String check) {
        return "check-" + run.label() + "-" + check;
    }

    /** @return the id of a check's section, which holds every prior's part */
    static String sectionAnchor(String check) {
        return "section-" + check;
    }

    private static String verdictClass(Verdict verdict) {
        return switch (verdict) {
            case PASSED -> "pass";
            case FAILED -> "fail";
            case NOT_GATED -> "none";
        };
    }

    private static String verdictSymbol(Verdict verdict) {
        return switch (verdict) {
            case PASSED -> "✔";
            case FAILED -> "✘";
            case NOT_GATED -> "–";
        };
    }

    /** The headline of a check: the same three states in every report. */
    private static String stateClass(CheckResult.State state) {
        return switch (state) {
            case PASSED -> "pass";
            case FAILED -> "fail";
            case UNDERPOWERED -> "warn";
        };
    }

    private static String stateText(CheckResult.State state) {
        return switch (state) {
            case PASSED -> "✔ pass";
            case FAILED -> "✘ fail";
            case UNDERPOWERED -> "⚠ underpowered";
        };
    }

    private static void fact(StringBuilder html, String key, String valueHtml) {
        html.append("<tr><td>").append(key).append("</td><td>").append(valueHtml).append("</td></tr>\n");
    }

    /** Every gate, the result first so that it stays in view when the table scrolls on a narrow screen. */
    private static void writeGates(StringBuilder html, ExperimentResult result) {
        html.append("<h2 id=\"gates\">Gates</h2>\n");
        if (result.gates().isEmpty()) {
            html.append("<p>This experiment has no gates, so nothing was judged: it neither passes nor fails "
                    + "(exit status 4). Add <code>gates:</code> to the spec.</p>\n");
            return;
        }
        html.append("<div class=\"box\"><table class=\"gates\">\n<thead><tr><th scope=\"col\">Result</th>")
                .append("<th scope=\"col\">Prior</th><th scope=\"col\">Gate</th><th scope=\"col\" class=\"num\">Value</th>")
                .append("<th scope=\"col\" class=\"num\">Bound</th></tr></thead>\n<tbody>\n");
        for (GateResult gate : result.gates()) {
            html.append("<tr><td class=\"").append(gate.passed() ? "pass\">✔ pass" : "fail\">✘ FAIL")
                    .append("</td><td>").append(escape(gate.prior())).append("</td><td><code>")
                    .append(escape(gate.expression())).append("</code>")
                    .append(gate.reason().isEmpty() ? "" : "<br><span class=\"warn\">" + escape(gate.reason()) + "</span>")
                    .append("</td><td class=\"num\">").append(Formats.number(gate.value()))
                    .append("</td><td class=\"num\">").append(escape(Formats.bound(gate))).append("</td></tr>\n");
        }
        html.append("</tbody>\n</table></div>\n");
    }

    /**
     * Priors side by side: every metric of every check, one column per prior; rows where the priors
     * differ significantly are highlighted ({@link PriorDifferences}), metrics that apply to no prior
     * are listed apart.
     */
    private static void writeComparison(StringBuilder html, ExperimentResult result) {
        List<PriorRun> runs = result.runs();
        PriorDifferences differences = PriorDifferences.of(result);
        html.append("<h2 id=\"comparison\">Priors side by side</h2>\n");
        if (differences.anyTested()) {
            html.append("<p class=\"note\">Highlighted rows differ significantly between the priors: ")
                    .append(escape(differences.method())).append(". Other metrics are shown, not tested.</p>\n");
        }
        html.append("<div class=\"box\"><table class=\"comparison\">\n<thead><tr><th scope=\"col\">Check</th>")
                .append("<th scope=\"col\">Metric</th>");
        for (PriorRun run : runs) {
            html.append("<th scope=\"col\" class=\"num\">").append(escape(run.label())).append("</th>");
        }
        if (differences.anyTested()) {
            html.append("<th scope=\"col\" class=\"num\">adjusted p</th>");
        }
        html.append("</tr></thead>\n<tbody>\n");
        List<String> notApplicable = new ArrayList<>();
        for (String check : checkIds(result)) {
            for (Map.Entry<String, List<Number>> row : PriorColumns.metricRows(runs, check).entrySet()) {
                String metric = row.getKey();
                List<Number> values = row.getValue();
                if (PriorColumns.notApplicable(values)) {
                    notApplicable.add(check + "." + metric);
                    continue;
                }
                html.append(differences.differs(check, metric) ? "<tr class=\"differs\">" : "<tr>").append("<td><a href=\"#")
                        .append(escape(sectionAnchor(check))).append("\">").append(escape(check)).append("</a></td><td>")
                        .append(escape(metric)).append("</td>");
                for (Number value : values) {
                    html.append(numberCell(value));
                }
                if (differences.anyTested()) {
                    html.append("<td class=\"num\">").append(differences.adjustedPValue(check, metric)
                            .map(Formats::number).orElse("")).append("</td>");
                }
                html.append("</tr>\n");
            }
        }
        html.append("</tbody>\n</table></div>\n");
        writeNotApplicable(html, notApplicable);
        html.append("<p class=\"note\">— : the metric does not apply to that prior (NaN in results.json).</p>\n");
    }

    private static String numberCell(Number value) {
        return Double.isNaN(value.doubleValue())
                ? "<td class=\"num\" title=\"does not apply (NaN in results.json)\">—</td>"
                : "<td class=\"num\">" + Formats.number(value) + "</td>";
    }

    private static void writeNotApplicable(StringBuilder html, List<String> metrics) {
        if (metrics.isEmpty()) {
            return;
        }
        html.append("<p class=\"note\">Not applicable here, so not shown (NaN in results.json): ");
        for (int i = 0; i < metrics.size(); i++) {
            html.append(i == 0 ? "" : "; ").append("<code>").append(escape(metrics.get(i))).append("</code>")
                    .append(MetricNotes.whyNotApplicable(metrics.get(i)).map(w -> " (" + escape(w) + ")").orElse(""));
        }
        html.append(".</p>\n");
    }

    private static boolean hasTwoDimensionalTraining(ExperimentResult result) {
        return result.experiment().training().filter(t -> t.columns() == 2).isPresent()
                && result.runs().stream().allMatch(r -> r.samples().columns() == 2);
    }

    /** For 2-D outputs: the generated samples over the training rows, one panel per prior, shared axes. */
    private static void writeOutputsAgainstTraining(StringBuilder html, ExperimentResult result) throws IOException {
        if (!hasTwoDimensionalTraining(result)) {
            return;
        }
        Samples training = result.experiment().training().orElseThrow();
        html.append("<h2 id=\"outputs\">Generated against training</h2>\n<div class=\"priors\">\n");
        List<Chart> charts = new ArrayList<>();
        for (PriorRun run : result.runs()) {
            Samples generated = run.samples();
            int g = Math.min(SCATTER_ROWS, generated.rows());
            int t = Math.min(SCATTER_ROWS, training.rows());
            charts.add(Chart.of("Generated and training rows", generated.columnNames().get(0),
                    generated.columnNames().get(1))
                    .with(Series.of("training", Series.Style.SCATTER, firstRows(training, 0, t), firstRows(training, 1, t)))
                    .with(Series.of("generated", Series.Style.SCATTER, firstRows(generated, 0, g),
                            firstRows(generated, 1, g)))
                    .withAltText("The first " + g + " generated samples over the first " + t
                            + " training rows, in the plane of the two output columns."));
        }
        List<Chart> shared = ChartRenderer.onSharedAxes(charts);
        for (int i = 0; i < shared.size(); i++) {
            html.append("<div>");
            writeFigure(html, shared.get(i), RunTitles.of(result, result.runs().get(i)));
            html.append("</div>\n");
        }
        html.append("</div>\n");
    }

    private static double[] firstRows(Samples samples, int column, int rows) {
        double[] values = new double[rows];
        for (int r = 0; r < rows; r++) {
            values[r] = samples.value(r, column);
        }
        return values;
    }

    /**
     * One check for every prior: a column per prior with its state, metrics and tests; then each
     * chart as a row of panels, one per prior, on shared axes; then image grids and per-sample tables.
     */
    private static void writeCheck(StringBuilder html, ExperimentResult result, String id) throws IOException {
        List<PriorRun> runs = result.runs().stream().filter(r -> checkOf(r, id).isPresent()).toList();
        boolean many = result.runs().size() > 1;
        html.append("<section class=\"check\" id=\"").append(escape(sectionAnchor(id))).append("\">\n<h2>")
                .append(escape(id)).append("</h2>\n<div class=\"priors\">\n");
        for (PriorRun run : runs) {
            CheckResult check = checkOf(run, id).orElseThrow();
            html.append("<div class=\"prior\" id=\"").append(escape(checkAnchor(run, id))).append("\">\n<h3>")
                    .append(many ? escape(run.label()) + " " : "").append("<span class=\"")
                    .append(stateClass(check.state())).append("\">").append(stateText(check.state()))
                    .append("</span></h3>\n");
            html.append("<p class=\"note\">").append(escape(RunTitles.of(result, run))).append("</p>\n");
            writeCheckText(html, run, check);
            html.append("</div>\n");
        }
        html.append("</div>\n");
        int charts = runs.stream().mapToInt(r -> checkOf(r, id).orElseThrow().charts().size()).max().orElse(0);
        for (int i = 0; i < charts; i++) {
            List<Chart> row = new ArrayList<>();
            List<PriorRun> owners = new ArrayList<>();
            for (PriorRun run : runs) {
                List<Chart> own = checkOf(run, id).orElseThrow().charts();
                if (i < own.size()) {
                    row.add(own.get(i));
                    owners.add(run);
                }
            }
            List<Chart> shared = ChartRenderer.onSharedAxes(row);
            html.append("<div class=\"priors\">\n");
            for (int j = 0; j < shared.size(); j++) {
                html.append("<div>");
                writeFigure(html, shared.get(j), many ? owners.get(j).label() : "");
                html.append("</div>\n");
            }
            html.append("</div>\n");
        }
        for (PriorRun run : runs) {
            CheckResult check = checkOf(run, id).orElseThrow();
            for (ImageGrid grid : check.imageGrids()) {
                writeImageGrid(html, run, grid);
            }
            if (check.sampleTable().isPresent()) {
                writeSampleTable(html, run, check, check.sampleTable().get());
            }
        }
        html.append("</section>\n");
    }

    private static void writeCheckText(StringBuilder html, PriorRun run, CheckResult check) {
        if (check.underpowered().isPresent()) {
            html.append("<p class=\"underpowered warn\">").append(escape(check.underpowered().get())).append("</p>\n");
        }
        if (!check.correction().isEmpty()) {
            html.append("<p>Correction: ").append(escape(check.correction())).append(".</p>\n");
        }
        html.append("<div class=\"box\"><table class=\"metrics\">\n<thead><tr><th scope=\"col\">Metric</th>")
                .append("<th scope=\"col\" class=\"num\">Value</th></tr></thead>\n");
        List<String> notApplicable = new ArrayList<>();
        for (Map.Entry<String, Number> metric : check.metrics().entrySet()) {
            if (Double.isNaN(metric.getValue().doubleValue())) {
                notApplicable.add(check.id() + "." + metric.getKey());
                continue;
            }
            html.append("<tr><td>").append(escape(metric.getKey())).append("</td>").append(numberCell(metric.getValue()))
                    .append("</tr>\n");
        }
        html.append("</table></div>\n");
        writeNotApplicable(html, notApplicable);
        List<TestResult> shown = check.tests().stream()
                .sorted(MOST_SIGNIFICANT_FIRST).limit(TESTS_SHOWN).toList();
        if (!shown.isEmpty()) {
            String csv = escape(SampleTableCsv.testsFileName(run, check));
            html.append("<div class=\"box\"><table class=\"tests\">\n<caption>").append(shown.size() < check.tests().size()
                    ? "The " + shown.size() + " most significant of " + check.tests().size() + " tests"
                    : "Tests").append(" (all in <a href=\"").append(csv).append("\">").append(csv)
                    .append("</a>)</caption>\n<thead><tr><th scope=\"col\">Test</th>")
                    .append("<th scope=\"col\" class=\"num\">Statistic</th><th scope=\"col\" class=\"num\">p-value</th>")
                    .append("<th scope=\"col\" class=\"num\">Adjusted p</th><th scope=\"col\">Method</th></tr></thead>\n");
            for (TestResult t : shown) {
                html.append("<tr><td>").append(escape(t.name())).append("</td><td class=\"num\">")
                        .append(Formats.number(t.statistic())).append("</td><td class=\"num\">")
                        .append(Formats.pValue(t.pValue(), t.logPValue())).append("</td><td class=\"num\">")
                        .append(Formats.number(t.adjustedPValue())).append("</td><td>").append(t.method().label())
                        .append("</td></tr>\n");
            }
            html.append("</table></div>\n");
        }
    }

    private static void writeFigure(StringBuilder html, Chart chart, String label) throws IOException {
        String png = Base64.getEncoder().encodeToString(ChartRenderer.png(chart));
        html.append("<figure><img width=\"" + ChartRenderer.WIDTH + "\" height=\"" + ChartRenderer.HEIGHT + "\" alt=\"")
                .append(escape(chart.altText())).append("\" src=\"data:image/png;base64,").append(png)
                .append("\"><figcaption>").append(label.isEmpty() ? "" : escape(label) + ": ")
                .append(escape(chart.title())).append("</figcaption></figure>");
    }

    private static void writeImageGrid(StringBuilder html, PriorRun run, ImageGrid grid) throws IOException {
        int size = ImageGridRenderer.scale(grid);
        html.append("<div class=\"box\"><table class=\"gallery\">\n<caption>").append(escape(run.label())).append(": ")
                .append(escape(grid.title())).append("</caption>\n<tbody>\n");
        for (ImageGrid.Row row : grid.rows()) {
            html.append("<tr><th scope=\"row\">").append(escape(row.label())).append("</th>");
            for (ImageGrid.Image image : row.images()) {
                String png = Base64.getEncoder().encodeToString(ImageGridRenderer.png(grid, image));
                html.append("<td><img width=\"").append(grid.width() * size).append("\" height=\"")
                        .append(grid.height() * size).append("\" alt=\"").append(escape(image.caption()))
                        .append("\" src=\"data:image/png;base64,").append(png).append("\"><br>")
                        .append(escape(image.caption())).append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</tbody>\n</table></div>\n<p>").append(escape(grid.altText())).append("</p>\n");
    }

    private static void writeSampleTable(StringBuilder html, PriorRun run, CheckResult check, SampleTable table) {
        String file = SampleTableCsv.fileName(run, check);
        int shown = Math.min(TABLE_ROWS_SHOWN, table.rows());
        html.append("<div class=\"box\"><table class=\"samples\">\n<caption>").append(escape(run.label()))
                .append(": the first ").append(shown).append(" of ").append(table.rows())
                .append(" rows of <a href=\"").append(escape(file)).append("\">").append(escape(file))
                .append("</a></caption>\n<thead><tr>");
        for (String column : table.columnNames()) {
            html.append("<th scope=\"col\" class=\"num\">").append(escape(column)).append("</th>");
        }
        html.append("</tr></thead>\n<tbody>\n");
        for (int r = 0; r < shown; r++) {
            html.append("<tr>");
            for (String column : table.columnNames()) {
                html.append("<td class=\"num\">").append(Formats.number(table.value(column, r))).append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</tbody>\n</table></div>\n");
    }

    /** @return text for HTML content or a quoted attribute, as {@link SafeText#html} makes it */
    static String escape(String text) {
        return SafeText.html(text);
    }
}
