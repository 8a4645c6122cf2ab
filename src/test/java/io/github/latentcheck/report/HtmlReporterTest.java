package io.github.latentcheck.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import io.github.latentcheck.chart.Chart;
import io.github.latentcheck.check.CheckResult;
import io.github.latentcheck.run.ExperimentResult;
import io.github.latentcheck.run.PriorRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class HtmlReporterTest {
    private static final Pattern IMG = Pattern.compile("<img\\b[^>]*>");
    private static final Pattern ATTRIBUTE = Pattern.compile("\\b(src|alt)=\"([^\"]*)\"");

    @Test
    void isSelfContainedWithInlinePngChartsThatHaveAltText() throws Exception {
        String html = new String(Runs.render(Reporter.html(), Runs.quickstart()), StandardCharsets.UTF_8);
        assertThat(html).startsWith("<!DOCTYPE html>").contains("✔ PASSED");
        assertThat(html).doesNotContainPattern("(?i)(src|href)\\s*=\\s*\"?https?://");
        assertThat(html).doesNotContainIgnoringCase("<script").doesNotContainIgnoringCase("<link");
        Matcher img = IMG.matcher(html);
        int images = 0;
        while (img.find()) {
            images++;
            String src = null;
            String alt = null;
            Matcher a = ATTRIBUTE.matcher(img.group());
            while (a.find()) {
                if (a.group(1).equals("src")) {
                    src = a.group(2);
                } else {
                    alt = a.group(2);
                }
            }
            assertThat(alt).as("alt of image %d", images).isNotBlank();
            assertThat(src).as("src of image %d", images).startsWith("data:image/png;base64,");
            byte[] png = Base64.getDecoder().decode(src.substring("data:image/png;base64,".length()));
            BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(png));
            assertThat(decoded).as("image %d decodes as PNG", images).isNotNull();
            if (img.group().contains("width=\"" + ChartRenderer.WIDTH + "\"")) {
                assertThat(decoded.getWidth()).as("charts drawn at 2x for HiDPI screens")
                        .isEqualTo(ChartRenderer.WIDTH * ChartRenderer.SCALE);
            }
        }
        assertThat(images).isPositive();
    }

    @Test
    void theTopOfThePageHasTheCountsTheFailingGatesAndATableOfContents() throws Exception {
        ExperimentResult result = Runs.broken();
        String html = new String(Runs.render(new HtmlReporter(), result), StandardCharsets.UTF_8);
        int verdict = html.indexOf("FAILED: 2 of 3 gates failed");
        int failing = html.indexOf("<div class=\"failing\"");
        int contents = html.indexOf("<nav class=\"toc\"");
        int gates = html.indexOf("<h2 id=\"gates\">");
        assertThat(verdict).isPositive().isLessThan(failing);
        assertThat(failing).isLessThan(contents);
        assertThat(contents).isLessThan(gates);
        assertThat(html).contains("Gates: 1 passed, 2 failed.");
        String failingGates = html.substring(failing, contents);
        assertThat(failingGates).contains("<code>marginal-ks.rejected == 0</code>: value ", ", bound == 0. ",
                "Smallest adjusted p-value of marginal-ks: ");
        String toc = html.substring(contents, gates);
        for (PriorRun run : result.runs()) {
            for (CheckResult check : run.checks()) {
                assertThat(toc).contains("href=\"#" + HtmlReporter.checkAnchor(run, check.id()) + "\"");
                assertThat(html).contains("id=\"" + HtmlReporter.checkAnchor(run, check.id()) + "\"");
                assertThat(html).contains("id=\"" + HtmlReporter.sectionAnchor(check.id()) + "\"");
            }
        }
    }

    @Test
    void theGatesTableShowsTheResultFirstAndEveryTableScrollsInItsOwnBox() throws Exception {
        String html = new String(Runs.render(new HtmlReporter(), Runs.quickstart()), StandardCharsets.UTF_8);
        assertThat(html).contains("<table class=\"gates\">\n<thead><tr><th scope=\"col\">Result</th>");
        assertThat(html.split("<table", -1).length - 1).as("every table in a scrolling box")
                .isEqualTo(html.split("<div class=\"box\"><table", -1).length - 1);
        assertThat(html).containsPattern("<td>started</td><td>\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC</td>");
        assertThat(html).doesNotContainPattern(">[-0-9.]+e[+]\\d+<").doesNotContainPattern(">\\d\\.000<");
    }

    @Test
    void priorsSideBySideOmitAndExplainMetricsThatDoNotApply() throws Exception {
        ExperimentResult result = Runs.gaussianVsUniform();
        String html = new String(Runs.render(new HtmlReporter(), result), StandardCharsets.UTF_8);
        String comparison = html.substring(html.indexOf("<h2 id=\"comparison\">"), html.indexOf("<h2 id=\"outputs\">"));
        assertThat(comparison).containsPattern("<td>detectableVarianceInflation</td><td class=\"num\">0\\.\\d+</td>"
                + "<td class=\"num\" title=\"does not apply \\(NaN in results.json\\)\">—</td>");
        assertThat(html).doesNotContain(">NaN<");
        String uniform = html.substring(html.indexOf("id=\"check-uniform-moments\""));
        assertThat(uniform.substring(0, uniform.indexOf("</div>\n</div>")))
                .contains("Not applicable here, so not shown (NaN in results.json): <code>moments.detectableVarianceInflation</code> "
                        + "(computed only when every marginal of the prior is Gaussian");
        assertThat(html).contains("<h2 id=\"outputs\">Generated against training</h2>");
    }

    @Test
    void everyChartOfACheckIsDrawnForEveryPriorOnSharedAxes() {
        ExperimentResult result = Runs.gaussianVsUniform();
        Chart gaussian = result.runs().get(0).checks().get(0).charts().get(1);
        Chart uniform = result.runs().get(1).checks().get(0).charts().get(1);
        List<Chart> shared = ChartRenderer.onSharedAxes(List.of(gaussian, uniform));
        assertThat(shared.get(0).xMin()).isEqualTo(shared.get(1).xMin()).isLessThan(-1);
        assertThat(shared.get(0).xMax()).isEqualTo(shared.get(1).xMax()).isGreaterThan(1);
        assertThat(shared.get(0).yMin()).isEqualTo(shared.get(1).yMin());
        assertThat(shared.get(0).yMax()).isEqualTo(shared.get(1).yMax());
    }

    @Test
    void theBiggestShippedExampleStaysWithinTwoMegabytes() throws Exception {
        long biggest = 0;
        try (var examples = Files.list(Path.of("reports", "examples"))) {
            for (Path page : examples.map(p -> p.resolve("index.html")).filter(Files::exists).toList()) {
                biggest = Math.max(biggest, Files.size(page));
            }
        }
        assertThat(biggest).isPositive().isLessThanOrEqualTo(2_000_000);
    }

    @Test
    void escapesMarkup() {
        assertThat(HtmlReporter.escape("a<b & \"c\">")).isEqualTo("a&lt;b &amp; &quot;c&quot;&gt;");
    }
}
