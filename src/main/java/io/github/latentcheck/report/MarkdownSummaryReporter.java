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

/**
 * {@code summary.md}: a compact Markdown summary for a pull-request comment or a CI step summary:
 * the verdict, a table of gates, and each check's metrics per prior. Text from the spec goes
 * through {@link SafeText#markdownCell}, so a {@code |} in a label cannot break a table.
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
        md.append("Seed ").append(result.experiment().seed()).append(", ").append(result.experiment().samples())
                .append(" samples per prior.\n\n");
        if (!result.gates().isEmpty()) {
            md.append("| Prior | Gate | Value | Bound | Result |\n|---|---|---|---|---|\n");
            for (GateResult gate : result.gates()) {
                md.append("| ").append(SafeText.markdownCell(gate.prior())).append(" | ")
                        .append(SafeText.markdownCode(gate.expression())).append(" | ")
                        .append(Formats.number(gate.value())).append(" | ").append(Formats.bound(gate)).append(" | ")
                        .append(gate.passed() ? "✅ pass" : "❌ FAIL")
                        .append(gate.reason().isEmpty() ? "" : " — " + SafeText.markdownCell(gate.reason()))
                        .append(" |\n");
            }
            md.append('\n');
        }
        for (PriorRun run : result.runs()) {
            md.append("### ").append(SafeText.markdownCell(RunTitles.of(result, run))).append("\n\n");
            md.append("| Check | Metric | Value |\n|---|---|---|\n");
            for (CheckResult check : run.checks()) {
                for (Map.Entry<String, Number> metric : check.metrics().entrySet()) {
                    md.append("| ").append(SafeText.markdownCell(check.id())).append(" | ")
                            .append(SafeText.markdownCell(metric.getKey())).append(" | ")
                            .append(Formats.number(metric.getValue())).append(" |\n");
                }
            }
            md.append('\n');
        }
        out.write(md.toString().getBytes(StandardCharsets.UTF_8));
    }
}
