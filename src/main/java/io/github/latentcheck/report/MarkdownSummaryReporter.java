package io.github.latentcheck.report;

import io.github.latentcheck.check.CheckResult;
import io.github.latentcheck.gate.GateResult;
import io.github.latentcheck.internal.text.SafeText;
import io.github.latentcheck.run.ExperimentResult;
import io.github.latentcheck.run.PriorRun;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.List;
import java.util.Optional;

/**
 * {@code summary.md}, laid out as a pull-request comment: the verdict as a heading, the gates table
 * (result first), then the counts and a link to {@code index.html}, then each check in a collapsed
 * {@code <details>} block holding one table with a column per prior, numbers right-aligned. Text from
 * the spec goes through {@link SafeText#markdownCell}, so a {@code |} in a label cannot break a table.
 */
final class MarkdownSummaryReporter implements Reporter {
    @Override
    public String fileName() {
        return "summary.md";
    }

    @Override
    public void write(ExperimentResult result, OutputStream out) throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("## latentcheck: ").append(SafeText.markdownCell(result.experiment().name())).append(" — ")
                .append(result.verdictSummary()).append("\n\n");
        if (!result.gates().isEmpty()) {
            md.append("| Result | Prior | Gate | Value | Bound |\n|---|---|---|---:|---:|\n");
            for (GateResult gate : result.gates()) {
                md.append("| ").append(gate.passed() ? "✅ pass" : "❌ FAIL")
                        .append(gate.reason().isEmpty() ? "" : " — " + SafeText.markdownCell(gate.reason()))
                        .append(" | ").append(SafeText.markdownCell(gate.prior())).append(" | ")
                        .append(SafeText.markdownCode(gate.expression())).append(" | ")
                        .append(Formats.number(gate.value())).append(" | ").append(Formats.bound(gate)).append(" |\n");
            }
            md.append('\n');
        }
        List<CheckResult> checks = result.runs().stream().flatMap(r -> r.checks().stream()).toList();
        long failed = result.gates().stream().filter(g -> !g.passed()).count();
        md.append("**Gates: ").append(result.gates().size() - failed).append(" passed, ").append(failed)
                .append(" failed**; checks").append(result.runs().size() > 1
                ? " (per prior)" : "").append(": ").append(count(checks, CheckResult.State.PASSED)).append(" pass, ")
                .append(count(checks, CheckResult.State.FAILED)).append(" fail, ")
                .append(count(checks, CheckResult.State.UNDERPOWERED)).append(" underpowered. Seed ")
                .append(result.experiment().seed()).append(", ").append(result.experiment().samples())
                .append(" samples per prior. Full report: [index.html](index.html).\n\n");
        List<PriorRun> runs = result.runs();
        for (String id : PriorColumns.checkIds(result)) {
            md.append("<details><summary>").append(SafeText.html(id)).append(": ");
            for (int i = 0; i < runs.size(); i++) {
                Optional<CheckResult> check = checkOf(runs.get(i), id);
                md.append(i == 0 ? "" : " · ").append(runs.size() > 1 ? SafeText.html(runs.get(i).label()) + " " : "")
                        .append(check.map(c -> state(c.state())).orElse("—"));
            }
            md.append("</summary>\n\n| Metric |");
            for (PriorRun run : runs) {
                md.append(' ').append(SafeText.markdownCell(run.label())).append(" |");
            }
            md.append("\n|---|").append("---:|".repeat(runs.size())).append('\n');
            for (Map.Entry<String, List<Number>> row : PriorColumns.metricRows(runs, id).entrySet()) {
                if (PriorColumns.notApplicable(row.getValue())) {
                    continue;
                }
                md.append("| ").append(SafeText.markdownCell(row.getKey())).append(" |");
                for (Number value : row.getValue()) {
                    md.append(' ').append(Double.isNaN(value.doubleValue()) ? "—" : Formats.number(value)).append(" |");
                }
                md.append('\n');
            }
            md.append("\n</details>\n\n");
        }
        out.write(md.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static long count(List<CheckResult> checks, CheckResult.State state) {
        return PriorColumns.count(checks, state);
    }

    private static Optional<CheckResult> checkOf(PriorRun run, String id) {
        return PriorColumns.checkOf(run, id);
    }

    private static String state(CheckResult.State state) {
        return switch (state) {
            case PASSED -> "✅ pass";
            case FAILED -> "❌ fail";
            case UNDERPOWERED -> "⚠️ underpowered";
        };
    }
}
