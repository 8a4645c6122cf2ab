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
        assertThat(md).contains("Seed 42, 5000 samples per prior.");
        assertThat(md).contains("| Prior | Gate | Value | Bound | Result |\n|---|---|---|---|---|\n");
        assertThat(md).contains("| gaussian | `latent-ks.rejected == 0` | 0 | == 0 | ✅ pass |");
        assertThat(md).containsPattern("\\| gaussian \\| `marginal-ks.maxStatistic <= 0.03` \\| 0\\.0\\d+ \\| <= 0.03000 \\| ✅ pass \\|");
        assertThat(md).contains("### Prior gaussian: N(0, I_3)");
    }

    @Test
    void marksAFailingGate() throws IOException {
        String md = new String(Runs.render(Reporter.summaryMarkdown(), Runs.broken()), StandardCharsets.UTF_8);
        assertThat(md).startsWith("## latentcheck: broken-generator — FAILED: 2 of 3 gates failed\n");
        assertThat(md).containsPattern("\\| gaussian \\| `marginal-ks.rejected == 0` \\| [1-9]\\d* \\| == 0 \\| ❌ FAIL \\|");
    }
}
