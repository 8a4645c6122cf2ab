package io.github.latentcheck.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MarkdownSummaryReporterTest {
    @Test
    void containsTheVerdictAndTheGateTable() throws IOException {
        String md = new String(Runs.render(Reporter.summaryMarkdown(), Runs.quickstart()), StandardCharsets.UTF_8);
        assertThat(md).startsWith("## latentcheck: quickstart — PASSED: 0 of 4 gates failed\n");
        assertThat(md).contains("| Result | Prior | Gate | Value | Bound |\n|---|---|---|---:|---:|\n");
        assertThat(md).contains("| ✅ pass | gaussian | `latent-ks.rejected == 0` | 0 | == 0 |");
        assertThat(md).containsPattern("\\| ✅ pass \\| gaussian \\| `marginal-ks.maxStatistic <= 0.03` \\| 0\\.0\\d+ \\| <= 0.03 \\|");
        assertThat(md).contains("**Gates: 4 passed, 0 failed**; checks: 3 pass, 0 fail, 0 underpowered. Seed 42, "
                + "5000 samples per prior. Full report: [index.html](index.html).");
        assertThat(md.indexOf("| Result |")).as("the gates table, then the counts").isLessThan(md.indexOf("**Gates: "));
        assertThat(md).contains("<details><summary>latent-ks: ✅ pass</summary>\n\n| Metric | gaussian |\n|---|---:|\n");
        assertThat(md).doesNotContain("NaN");
    }

    @Test
    void marksAFailingGate() throws IOException {
        String md = new String(Runs.render(Reporter.summaryMarkdown(), Runs.broken()), StandardCharsets.UTF_8);
        assertThat(md).startsWith("## latentcheck: broken-generator — FAILED: 2 of 3 gates failed\n");
        assertThat(md).containsPattern("\\| ❌ FAIL \\| gaussian \\| `marginal-ks.rejected == 0` \\| [1-9]\\d* \\| == 0 \\|");
    }

    @Test
    void priorsSideBySideInOneTablePerCheck() throws IOException {
        String md = new String(Runs.render(new MarkdownSummaryReporter(), Runs.gaussianVsUniform()), StandardCharsets.UTF_8);
        assertThat(md).contains("<details><summary>moments: gaussian ✅ pass · uniform ✅ pass</summary>\n\n"
                + "| Metric | gaussian | uniform |\n|---|---:|---:|\n");
        assertThat(md).containsPattern("\\| detectableVarianceInflation \\| 0\\.\\d+ \\| — \\|");
    }
}
