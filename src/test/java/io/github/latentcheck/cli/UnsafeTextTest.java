package io.github.latentcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * Prior labels with control characters, a {@code |} and markup reach every sink safely: the
 * terminal sees escapes, {@code junit.xml} stays well-formed, the {@code summary.md} tables keep
 * their columns and {@code index.html} holds no raw control character or tag from a label.
 */
class UnsafeTextTest {
    @TempDir
    Path tmp;

    @Test
    void labelsWithControlCharactersPipesAndMarkupAreEscapedForEachSink() throws Exception {
        Path spec = Files.writeString(tmp.resolve("unsafe.yaml"), """
                name: unsafe
                samples: 300
                latent_dim: 2
                priors:
                  - {type: gaussian, label: "a|b\\e]0;pwned\\a\\e[2J"}
                  - {type: uniform, label: "<i>c</i>"}
                generator: {type: identity}
                checks: [latent-ks]
                gates: [latent-ks.rejected == 0]
                """);
        Path out = tmp.resolve("report");

        Cli cli = Cli.run("run", spec.toString(), "--out", out.toString());

        assertThat(cli.status()).as(cli.err()).isZero();
        assertThat(cli.out()).doesNotContain("\u001b").doesNotContain("\u0007")
                .contains("a|b\\x1b]0;pwned\\x07\\x1b[2J");

        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(out.resolve("junit.xml").toFile());
        assertThat(xml.getElementsByTagName("testsuite").item(0).getAttributes().getNamedItem("name").getNodeValue())
                .isEqualTo("unsafe.a|b\\x1b]0;pwned\\x07\\x1b[2J");

        String md = Files.readString(out.resolve("summary.md"), StandardCharsets.UTF_8);
        assertThat(md).doesNotContain("\u001b")
                .contains("| a\\|b\\x1b]0;pwned\\x07\\x1b[2J | `latent-ks.rejected == 0` |")
                .contains("| &lt;i>c&lt;/i> | `latent-ks.rejected == 0` |");
        for (String line : md.split("\n")) {
            if (line.startsWith("| ")) {
                assertThat(line.split("(?<!\\\\)\\|", -1)).as(line).hasSizeBetween(5, 7);
            }
        }

        String html = Files.readString(out.resolve("index.html"), StandardCharsets.UTF_8);
        assertThat(html).doesNotContain("\u001b").doesNotContain("\u0007").doesNotContain("<i>c</i>")
                .contains("&lt;i&gt;c&lt;/i&gt;");
    }
}
