package io.github.latentcheck.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.latentcheck.run.Experiment;
import io.github.latentcheck.run.ExperimentResult;
import io.github.latentcheck.run.ExperimentRunner;
import io.github.latentcheck.spec.ExperimentSpec;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Renders each shipped experiment's index.html in headless Chromium, as a reader would see it:
 * the page loads with no failed request, every chart image decodes, and a screenshot is taken
 * (kept in target/screenshots/). Skipped, with a message, where Chromium is not installed;
 * {@code .ci/run} installs it.
 */
class HtmlReportBrowserTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"quickstart", "gaussian-vs-uniform", "broken-generator"})
    void reportLoadsWithEveryChartDecodedAndNoFailedRequest(String name) throws Exception {
        Optional<Path> chromium = HeadlessChromium.executable();
        Assumptions.assumeTrue(chromium.isPresent(),
                "Chromium is not installed (apt-get install chromium); .ci/run installs it");
        ExperimentSpec spec = ExperimentSpec.read(Path.of("experiments", name + ".yaml"));
        ExperimentResult result = ExperimentRunner.withDefaults().withThreads(2).run(Experiment.load(spec, 1, 2000));
        ReportWriter.withDefaults().write(tmp, result);

        try (HeadlessChromium browser = HeadlessChromium.start(chromium.get())) {
            browser.open(tmp.resolve("index.html"), 1200, 900);
            JsonNode images = browser.evaluate("JSON.stringify(Array.from(document.images).map("
                    + "i => ({ok: i.complete && i.naturalWidth > 0, alt: i.alt})))");
            JsonNode title = browser.evaluate("document.title");
            byte[] png = browser.screenshot();

            assertThat(browser.failedRequests()).isEmpty();
            JsonNode list = new com.fasterxml.jackson.databind.ObjectMapper().readTree(images.asText());
            assertThat(list.size()).isGreaterThan(0);
            for (JsonNode image : list) {
                assertThat(image.path("ok").asBoolean()).as("image '%s' decoded", image.path("alt").asText()).isTrue();
                assertThat(image.path("alt").asText()).isNotBlank();
            }
            assertThat(title.asText()).isEqualTo("latentcheck: " + name);
            BufferedImage shot = ImageIO.read(new ByteArrayInputStream(png));
            assertThat(shot.getWidth()).isEqualTo(1200);
            assertThat(shot.getHeight()).isGreaterThan(900);
            Path screenshots = Files.createDirectories(Path.of("target", "screenshots"));
            Files.write(screenshots.resolve(name + ".png"), png);
        }
    }

    @org.junit.jupiter.api.Test
    void seesAFailedRequestAndAnImageThatDoesNotDecode() throws Exception {
        Optional<Path> chromium = HeadlessChromium.executable();
        Assumptions.assumeTrue(chromium.isPresent(), "Chromium is not installed");
        Path page = tmp.resolve("broken.html");
        Files.writeString(page, "<!DOCTYPE html><title>broken</title><img alt=\"gone\" src=\"missing.png\">");

        try (HeadlessChromium browser = HeadlessChromium.start(chromium.get())) {
            browser.open(page, 400, 300);
            JsonNode decoded = browser.evaluate("document.images[0].complete && document.images[0].naturalWidth > 0");

            assertThat(browser.failedRequests()).hasSize(1);
            assertThat(decoded.asBoolean()).isFalse();
        }
    }
}
