package io.github.latentcheck.report;

import io.github.latentcheck.chart.Chart;
import io.github.latentcheck.chart.ImageGrid;
import io.github.latentcheck.chart.Series;
import io.github.latentcheck.check.CheckResult;
import io.github.latentcheck.check.SampleTable;
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

/**
 * {@code index.html}: one self-contained page (inline CSS, charts as inline PNG, no scripts, no
 * network) that a reviewer reads first: the verdict and every gate per prior at the top, then, per
 * prior, each check's metrics, its most significant tests, its charts and image grids, and the first
 * rows of its per-sample table with a link to the table's CSV file. Pass and fail are shown
 * by words and symbols as well as colour.
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

    private static final String STYLE = "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;"
            + "max-width:1140px;margin:2em auto;padding:0 1em;color:#222;line-height:1.45}"
            + "h1{margin-bottom:.2em}table{border-collapse:collapse;margin:.6em 0 1.2em}"
            + "th,td{border:1px solid #ccc;padding:.25em .6em;text-align:left;vertical-align:top}"
            + "th{background:#f3f3f3}td.num{text-align:right;font-variant-numeric:tabular-nums}"
            + ".pass{color:#0a6b2d;font-weight:600}.fail{color:#b00020;font-weight:600}"
            + ".verdict{font-size:1.3em;padding:.4em .8em;display:inline-block;border-radius:4px}"
            + ".verdict.pass{background:#e6f4ea}.verdict.fail{background:#fde7e9}.verdict.none{background:#eee}"
            + ".warn{color:#8a5300;font-weight:600}"
            + "figure{display:inline-block;vertical-align:top;margin:.4em .5em .8em 0}figcaption{font-size:.85em;color:#555;max-width:540px}img{max-width:100%;height:auto}"
            + "section.check{border-top:1px solid #ddd;margin-top:1em}code{background:#f5f5f5;padding:0 .2em}"
            + ".meta td:first-child{color:#555}pre{background:#f7f7f7;padding:.6em;overflow-x:auto}"
            + "details{margin:.5em 0 1em}summary{cursor:pointer}"
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
        html.append("<p class=\"verdict ").append(verdictClass(result.verdict())).append("\">")
                .append(verdictSymbol(result.verdict())).append(' ').append(escape(result.verdictSummary()))
                .append("</p>\n");
        writeRunFacts(html, result);
        writeGates(html, result);
        if (result.runs().size() > 1) {
            writeComparison(html, result);
        }
        List<Chart> sweep = SweepCharts.of(result);
        if (!sweep.isEmpty()) {
            html.append("<h2 id=\"sweep\">Latent dimension sweep</h2>\n<p>Every metric that changes with the latent "
                    + "dimension, against the dimension.</p>\n");
            for (Chart chart : sweep) {
                writeFigure(html, chart, "sweep");
            }
        }
        for (PriorRun run : result.runs()) {
            html.append("<h2 id=\"prior-").append(escape(run.label())).append("\">")
                    .append(escape(RunTitles.of(result, run))).append("</h2>\n");
            for (CheckResult check : run.checks()) {
                writeCheck(html, run, check);
            }
        }
        html.append("</main>\n</body>\n</html>\n");
        out.write(html.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void writeRunFacts(StringBuilder html, ExperimentResult result) throws IOException {
        ExperimentSpec spec = result.experiment().spec();
        html.append("<table class=\"meta\">\n");
        fact(html, "seed", Long.toString(result.experiment().seed()));
        fact(html, "samples per prior", Integer.toString(result.experiment().samples()));
        fact(html, "generator", "<code>" + escape(spec.generator().requireString("type")) + "</code>");
        result.experiment().features().ifPresent(f -> fact(html, "features", f.dimension() + " per image; "
                + "<code>" + escape(f.preprocessing().key()) + "</code>"));
        fact(html, "started", escape(result.startedAt().toString()));
        fact(html, "duration", String.format(Locale.ROOT, "%.2f s", result.duration().toNanos() / 1e9));
        fact(html, "latentcheck", escape(Versions.latentcheck()) + ", Java " + escape(Runtime.version().toString()));
        List<InputFile> inputs = new ArrayList<>();
        inputs.add(InputFile.of("spec", spec.file(), spec.text().getBytes(StandardCharsets.UTF_8)));
        spec.training().filter(p -> Files.isRegularFile(p) || result.experiment().features().isEmpty())
                .ifPresent(p -> inputs.addAll(InputFile.ofShards("training", p)));
        spec.holdout().filter(Files::isRegularFile).ifPresent(p -> inputs.add(InputFile.of("holdout", p)));
        result.experiment().features().ifPresent(f -> inputs.add(InputFile.of("embedding model", f.model())));
        for (InputFile input : inputs) {
            fact(html, input.role(), "<code>" + escape(displayed(input.path())) + "</code><br>"
                    + String.format(Locale.ROOT, "%,d bytes, SHA-256 <code>%s</code>", input.bytes(), input.sha256()));
        }
        html.append("</table>\n<details><summary>Spec <code>").append(escape(displayed(spec.file())))
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
     * @return the id of the check's section in index.html, {@code check-<prior>-<check>}
     */
    static String checkAnchor(PriorRun run, String check) {
        return "check-" + run.label() + "-" + check;
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

    private static void writeGates(StringBuilder html, ExperimentResult result) {
        html.append("<h2>Gates</h2>\n");
        if (result.gates().isEmpty()) {
            html.append("<p>This experiment has no gates, so nothing was judged: it neither passes nor fails "
                    + "(exit status 4). Add <code>gates:</code> to the spec.</p>\n");
            return;
        }
        html.append("<table>\n<thead><tr><th scope=\"col\">Prior</th><th scope=\"col\">Gate</th>")
                .append("<th scope=\"col\">Value</th><th scope=\"col\">Bound</th><th scope=\"col\">Result</th></tr>")
                .append("</thead>\n<tbody>\n");
        for (GateResult gate : result.gates()) {
            html.append("<tr><td>").append(escape(gate.prior())).append("</td><td><code>")
                    .append(escape(gate.expression())).append("</code></td><td class=\"num\">")
                    .append(Formats.number(gate.value())).append("</td><td class=\"num\">")
                    .append(escape(Formats.bound(gate))).append("</td><td class=\"")
                    .append(gate.passed() ? "pass\">✔ pass" : "fail\">✘ FAIL")
                    .append(gate.reason().isEmpty() ? "" : " — " + escape(gate.reason())).append("</td></tr>\n");
        }
        html.append("</tbody>\n</table>\n");
    }

    /**
     * Priors side by side: every metric of every check per prior, and each check's adjusted
     * p-values overlaid, one series per prior.
     */
    private static void writeComparison(StringBuilder html, ExperimentResult result) throws IOException {
        List<PriorRun> runs = result.runs();
        html.append("<h2>Priors side by side</h2>\n<table>\n<thead><tr><th scope=\"col\">Check</th>")
                .append("<th scope=\"col\">Metric</th>");
        for (PriorRun run : runs) {
            html.append("<th scope=\"col\">").append(escape(run.label())).append("</th>");
        }
        html.append("</tr></thead>\n<tbody>\n");
        for (CheckResult check : runs.get(0).checks()) {
            for (String metric : check.metrics().keySet()) {
                html.append("<tr><td>").append(escape(check.id())).append("</td><td>").append(escape(metric))
                        .append("</td>");
                for (PriorRun run : runs) {
                    Number value = run.checks().stream().filter(c -> c.id().equals(check.id())).findFirst()
                            .flatMap(c -> c.metric(metric)).orElse(Double.NaN);
                    html.append("<td class=\"num\">").append(Formats.number(value)).append("</td>");
                }
                html.append("</tr>\n");
            }
        }
        html.append("</tbody>\n</table>\n");
        for (CheckResult check : runs.get(0).checks()) {
            Chart overlay = Chart.of(check.id() + ": adjusted p-value per test, by prior", "test index",
                    "adjusted p-value").withYScale(Chart.Scale.LOG);
            double lowest = 1e-3;
            for (PriorRun run : runs) {
                List<TestResult> tests = run.checks().stream().filter(c -> c.id().equals(check.id())).findFirst()
                        .map(CheckResult::tests).orElse(List.of());
                double[] x = new double[tests.size()];
                double[] y = new double[tests.size()];
                for (int i = 0; i < x.length; i++) {
                    x[i] = i;
                    y[i] = Math.max(Double.MIN_NORMAL, tests.get(i).adjustedPValue());
                    lowest = Math.min(lowest, y[i]);
                }
                overlay = overlay.with(Series.of(run.label(), Series.Style.SCATTER, x, y));
            }
            overlay = overlay.withYRange(Chart.logFloor(lowest), 1);
            if (!check.tests().isEmpty()) {
                writeFigure(html, overlay.withAltText("Adjusted p-values of check " + check.id()
                        + " for each prior, one series per prior, on a log scale."), "all priors");
            }
        }
    }

    private static void writeCheck(StringBuilder html, PriorRun run, CheckResult check) throws IOException {
        html.append("<section class=\"check\" id=\"").append(escape(checkAnchor(run, check.id())))
                .append("\">\n<h3>").append(escape(check.id())).append(" <span class=\"")
                .append(stateClass(check.state())).append("\">").append(stateText(check.state()))
                .append("</span></h3>\n");
        if (check.underpowered().isPresent()) {
            html.append("<p class=\"underpowered\">").append(escape(check.underpowered().get())).append("</p>\n");
        }
        if (!check.correction().isEmpty()) {
            html.append("<p>Correction: ").append(escape(check.correction())).append(".</p>\n");
        }
        html.append("<table>\n<thead><tr><th scope=\"col\">Metric</th><th scope=\"col\">Value</th></tr></thead>\n");
        for (Map.Entry<String, Number> metric : check.metrics().entrySet()) {
            html.append("<tr><td>").append(escape(metric.getKey())).append("</td><td class=\"num\">")
                    .append(Formats.number(metric.getValue())).append("</td></tr>\n");
        }
        html.append("</table>\n");
        List<TestResult> shown = check.tests().stream()
                .sorted(MOST_SIGNIFICANT_FIRST).limit(TESTS_SHOWN).toList();
        if (!shown.isEmpty()) {
            String csv = escape(SampleTableCsv.testsFileName(run, check));
            html.append("<table>\n<caption>").append(shown.size() < check.tests().size()
                    ? "The " + shown.size() + " most significant of " + check.tests().size() + " tests"
                    : "Tests").append(" (all in <a href=\"").append(csv).append("\">").append(csv).append("</a>)</caption>\n<thead><tr><th scope=\"col\">Test</th><th scope=\"col\">Statistic</th>")
                    .append("<th scope=\"col\">p-value</th><th scope=\"col\">Adjusted p</th><th scope=\"col\">Method</th>")
                    .append("</tr></thead>\n");
            for (TestResult t : shown) {
                html.append("<tr><td>").append(escape(t.name())).append("</td><td class=\"num\">")
                        .append(Formats.number(t.statistic())).append("</td><td class=\"num\">")
                        .append(Formats.pValue(t.pValue(), t.logPValue())).append("</td><td class=\"num\">")
                        .append(Formats.number(t.adjustedPValue())).append("</td><td>").append(t.method().label())
                        .append("</td></tr>\n");
            }
            html.append("</table>\n");
        }
        for (Chart chart : check.charts()) {
            writeFigure(html, chart, run.label());
        }
        for (ImageGrid grid : check.imageGrids()) {
            writeImageGrid(html, run, grid);
        }
        if (check.sampleTable().isPresent()) {
            writeSampleTable(html, run, check, check.sampleTable().get());
        }
        html.append("</section>\n");
    }

    private static void writeFigure(StringBuilder html, Chart chart, String label) throws IOException {
        String png = Base64.getEncoder().encodeToString(ChartRenderer.png(chart));
        html.append("<figure><img width=\"" + ChartRenderer.WIDTH + "\" height=\"" + ChartRenderer.HEIGHT + "\" alt=\"").append(escape(chart.altText()))
                .append("\" src=\"data:image/png;base64,").append(png).append("\"><figcaption>")
                .append(escape(label)).append(": ").append(escape(chart.title())).append("</figcaption></figure>\n");
    }

    private static void writeImageGrid(StringBuilder html, PriorRun run, ImageGrid grid) throws IOException {
        int size = ImageGridRenderer.scale(grid);
        html.append("<table class=\"gallery\">\n<caption>").append(escape(run.label())).append(": ")
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
        html.append("</tbody>\n</table>\n<p>").append(escape(grid.altText())).append("</p>\n");
    }

    private static void writeSampleTable(StringBuilder html, PriorRun run, CheckResult check, SampleTable table) {
        String file = SampleTableCsv.fileName(run, check);
        int shown = Math.min(TABLE_ROWS_SHOWN, table.rows());
        html.append("<table>\n<caption>The first ").append(shown).append(" of ").append(table.rows())
                .append(" rows of <a href=\"").append(escape(file)).append("\">").append(escape(file))
                .append("</a></caption>\n<thead><tr>");
        for (String column : table.columnNames()) {
            html.append("<th scope=\"col\">").append(escape(column)).append("</th>");
        }
        html.append("</tr></thead>\n<tbody>\n");
        for (int r = 0; r < shown; r++) {
            html.append("<tr>");
            for (String column : table.columnNames()) {
                html.append("<td class=\"num\">").append(Formats.number(table.value(column, r))).append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</tbody>\n</table>\n");
    }

    /** @return text for HTML content or a quoted attribute, as {@link SafeText#html} makes it */
    static String escape(String text) {
        return SafeText.html(text);
    }
}
