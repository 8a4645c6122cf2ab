package io.github.latentcheck.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every shipped experiment's committed example report ({@code reports/examples/<name>/index.html},
 * written by {@code reports/examples/regenerate.sh}) as a reader sees it in headless Chromium, at
 * 1,400 px and at 420 px: no request fails, every image decodes, the page does not overflow the
 * window, the Result column of the gates table stays in view, every link of the table of contents
 * (and every other in-page link) reaches an element, and the verdict carries its counts. A
 * full-page screenshot of each is written (as a palette PNG) to {@code target/screenshots/}, or to
 * the folder named by the system property {@code latentcheck.screenshots} (regenerate.sh commits them
 * under {@code reports/examples/screenshots/}). About 5 s per report on a quiet machine, so it runs in
 * the {@code screenshots} profile ({@code mvn -B -Pscreenshots verify}; {@code .ci/run} runs it after the build), not in
 * the default build. Skipped where Chromium is not installed; {@code .ci/run} installs it.
 */
@Tag("screenshots")
class ReportExamplesBrowserTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CHECKS = "JSON.stringify({"
            + "overflow: document.documentElement.scrollWidth - window.innerWidth,"
            + "hiddenResults: Array.from(document.querySelectorAll('table.gates tbody tr > td:first-child'))"
            + "  .filter(td => { const r = td.getBoundingClientRect(); return r.left < 0 || r.right > window.innerWidth; })"
            + "  .map(td => td.parentElement.textContent),"
            + "results: document.querySelectorAll('table.gates tbody tr').length,"
            + "tocLinks: document.querySelectorAll('nav.toc a').length,"
            + "brokenLinks: Array.from(document.querySelectorAll('a[href^=\"#\"]'))"
            + "  .filter(a => !document.getElementById(decodeURIComponent(a.getAttribute('href').slice(1))))"
            + "  .map(a => a.getAttribute('href')),"
            + "verdict: (document.getElementById('verdict') || {}).textContent,"
            + "counts: (document.getElementById('counts') || {}).textContent,"
            + "badImages: Array.from(document.images).filter(i => !(i.complete && i.naturalWidth > 0) || !i.alt)"
            + "  .map(i => i.alt)})";

    static Stream<String> experiments() throws IOException {
        try (Stream<Path> specs = Files.list(Path.of("experiments"))) {
            return specs.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
                    .map(n -> n.substring(0, n.length() - ".yaml".length())).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("experiments")
    void exampleReadsWellAt1400And420Pixels(String name) throws Exception {
        Path page = Path.of("reports", "examples", name, "index.html");
        assertThat(page).as("every shipped experiment has an example; run reports/examples/regenerate.sh").exists();
        Optional<Path> chromium = HeadlessChromium.executable();
        Assumptions.assumeTrue(chromium.isPresent(),
                "Chromium is not installed (apt-get install chromium); .ci/run installs it");
        Path screenshots = Files.createDirectories(Path.of(System.getProperty("latentcheck.screenshots",
                "target/screenshots")));
        try (HeadlessChromium browser = HeadlessChromium.start(chromium.get())) {
            for (int width : List.of(1400, 420)) {
                browser.open(page.toAbsolutePath(), width, 900);
                JsonNode dom = JSON.readTree(browser.evaluate(CHECKS).asText());
                byte[] png = browser.screenshot();

                String at = name + " at " + width + " px";
                assertThat(browser.failedRequests()).as(at).isEmpty();
                assertThat(dom.path("overflow").asInt()).as("%s: horizontal overflow in px", at).isLessThanOrEqualTo(0);
                assertThat(dom.path("hiddenResults")).as("%s: gate rows whose Result is off screen", at).isEmpty();
                assertThat(dom.path("brokenLinks")).as("%s: in-page links without a target", at).isEmpty();
                assertThat(dom.path("tocLinks").asInt()).as(at).isGreaterThanOrEqualTo(2);
                assertThat(dom.path("badImages")).as("%s: images that do not decode or lack alt text", at).isEmpty();
                assertThat(dom.path("verdict").asText()).as(at)
                        .containsPattern("(PASSED|FAILED): \\d+ of \\d+ gates failed|NOT GATED: no gates");
                assertThat(dom.path("counts").asText()).as(at).containsPattern("Checks.*: \\d+ pass, \\d+ fail, \\d+ underpowered");
                BufferedImage shot = ImageIO.read(new ByteArrayInputStream(png));
                assertThat(shot.getWidth()).as(at).isEqualTo(width);
                Files.write(screenshots.resolve(name + "-" + width + ".png"), IndexedPng.encode(shot));
            }
        }
    }
}
