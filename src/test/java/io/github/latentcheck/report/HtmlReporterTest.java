package io.github.latentcheck.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
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
            assertThat(decoded.getWidth()).isEqualTo(ChartRenderer.WIDTH);
        }
        assertThat(images).isPositive();
    }

    @Test
    void escapesMarkup() {
        assertThat(HtmlReporter.escape("a<b & \"c\">")).isEqualTo("a&lt;b &amp; &quot;c&quot;&gt;");
    }
}
