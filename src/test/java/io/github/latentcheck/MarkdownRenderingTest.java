package io.github.latentcheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.ext.heading.anchor.IdGenerator;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The README and every page in {@code docs/} render as GitHub does (CommonMark with GFM tables,
 * commonmark-java): no table row falls out of its table into a paragraph of raw {@code |} text, as
 * a blank line inside a table makes it do, and every relative link or image points to a file that
 * exists and, with a {@code #fragment} into a Markdown page, to a heading of that page.
 */
class MarkdownRenderingTest {
    private static final Parser GFM = Parser.builder().extensions(List.<Extension>of(TablesExtension.create())).build();
    /** A link with a scheme ({@code https:}, {@code mailto:}) or a protocol-relative one leaves the repository. */
    private static final Pattern EXTERNAL = Pattern.compile("^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//)");

    static Stream<Path> pages() {
        return ReadmeBlocks.pages().stream();
    }

    @ParameterizedTest
    @MethodSource("pages")
    void everyTableRowRendersInsideATable(Path page) throws IOException {
        assertThat(strayTableRows(Files.readString(page))).as("table rows rendered as text in %s", page).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("pages")
    void everyRelativeLinkReachesAFileAndHeading(Path page) throws IOException {
        assertThat(brokenLinks(page)).as("relative links of %s", page).isEmpty();
    }

    @Test
    void aLinkToAMissingFileOrHeadingIsCaught(@TempDir Path folder) throws IOException {
        Files.writeString(folder.resolve("other.md"), "# Other page\n\n## A section\n");
        Path page = folder.resolve("page.md");
        Files.writeString(page, """
                # Page

                [fine](other.md#a-section), [fine too](#page), [external](https://example.org/x.md#nothing)
                [no file](missing.md), [no heading](other.md#no-section), [no heading here](#nowhere)
                ![no image](images/none.png)
                """);
        assertThat(brokenLinks(page)).containsExactly("missing.md (no such file)",
                "other.md#no-section (no such heading in other.md)", "#nowhere (no such heading in page.md)",
                "images/none.png (no such file)");
    }

    @Test
    void aBlankLineInsideATableIsCaught() {
        assertThat(strayTableRows("| a | b |\n|---|---|\n| 1 | 2 |\n\n| 3 | 4 |\n")).containsExactly("| 3 | 4 |");
        assertThat(strayTableRows("Some text\n| 3 | 4 |\n")).containsExactly("| 3 | 4 |");
        assertThat(strayTableRows("| a | b |\n|---|---|\n| 1 | 2 |\n| 3 | 4 |\n\n`a | b` in text\n")).isEmpty();
    }

    @Test
    void anchorsAreGitHubs() {
        Set<String> anchors = anchors(GFM.parse("""
                # Long calibration (`mvn -B -Pcalibration verify`)
                ## Kolmogorov–Smirnov, one sample
                ## Notes
                ## Notes
                """));
        assertThat(anchors).containsExactlyInAnyOrder("long-calibration-mvn--b--pcalibration-verify",
                "kolmogorovsmirnov-one-sample", "notes", "notes-1");
    }

    /** @return the text of every line that starts with '|' inside a paragraph, i.e. outside any table */
    private static List<String> strayTableRows(String markdown) {
        List<String> strays = new ArrayList<>();
        GFM.parse(markdown).accept(new AbstractVisitor() {
            @Override
            public void visit(Paragraph paragraph) {
                for (Node n = paragraph.getFirstChild(); n != null; n = n.getNext()) {
                    Node before = n.getPrevious();
                    boolean lineStart = before == null || before instanceof SoftLineBreak || before instanceof HardLineBreak;
                    if (lineStart && n instanceof Text text && text.getLiteral().startsWith("|")) {
                        strays.add(text.getLiteral());
                    }
                }
                visitChildren(paragraph);
            }
        });
        return strays;
    }

    /** @return each relative link or image of the page whose file or heading does not exist, with the reason */
    private static List<String> brokenLinks(Path page) throws IOException {
        List<String> broken = new ArrayList<>();
        Map<Path, Set<String>> anchors = new HashMap<>();
        for (String destination : destinations(GFM.parse(Files.readString(page)))) {
            if (EXTERNAL.matcher(destination).find()) {
                continue;
            }
            int hash = destination.indexOf('#');
            String file = hash < 0 ? destination : destination.substring(0, hash);
            Path target = file.isEmpty() ? page : page.toAbsolutePath().getParent().resolve(file).normalize();
            if (!Files.exists(target)) {
                broken.add(destination + " (no such file)");
            } else if (hash >= 0 && target.toString().endsWith(".md")
                    && !anchors.computeIfAbsent(target, MarkdownRenderingTest::anchorsOf).contains(destination.substring(hash + 1))) {
                broken.add(destination + " (no such heading in " + target.getFileName() + ")");
            }
        }
        return broken;
    }

    private static List<String> destinations(Node document) {
        List<String> destinations = new ArrayList<>();
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(Link link) {
                destinations.add(link.getDestination());
                visitChildren(link);
            }

            @Override
            public void visit(Image image) {
                destinations.add(image.getDestination());
                visitChildren(image);
            }
        });
        return destinations;
    }

    private static Set<String> anchorsOf(Path page) {
        try {
            return anchors(GFM.parse(Files.readString(page)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The heading anchors GitHub gives a page: each heading's text through commonmark-java's
     * {@link IdGenerator} (lower case, punctuation dropped, spaces as hyphens, a repeated heading
     * suffixed {@code -1}, {@code -2}, as GitHub does). The two may differ on digits that are not
     * decimal digits, such as superscripts, which IdGenerator drops: keep them out of headings.
     */
    private static Set<String> anchors(Node document) {
        IdGenerator ids = IdGenerator.builder().build();
        Set<String> anchors = new HashSet<>();
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(Heading heading) {
                StringBuilder text = new StringBuilder();
                heading.accept(new AbstractVisitor() {
                    @Override
                    public void visit(Text t) {
                        text.append(t.getLiteral());
                    }

                    @Override
                    public void visit(Code code) {
                        text.append(code.getLiteral());
                    }
                });
                anchors.add(ids.generateId(text.toString()));
            }
        });
        return anchors;
    }
}
