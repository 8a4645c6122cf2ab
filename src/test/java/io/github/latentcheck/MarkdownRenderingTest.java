package io.github.latentcheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The README and every page in {@code docs/} render as GitHub does (CommonMark with GFM tables,
 * commonmark-java): no table row falls out of its table into a paragraph of raw {@code |} text, as
 * a blank line inside a table makes it do.
 */
class MarkdownRenderingTest {
    private static final List<Extension> GFM = List.of(TablesExtension.create());

    static Stream<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(Path.of("README.md")));
        try (Stream<Path> docs = Files.list(Path.of("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages.stream();
    }

    @ParameterizedTest
    @MethodSource("pages")
    void everyTableRowRendersInsideATable(Path page) throws IOException {
        Node document = Parser.builder().extensions(GFM).build().parse(Files.readString(page));
        List<String> strays = new ArrayList<>();
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(Paragraph paragraph) {
                if (paragraph.getFirstChild() instanceof Text text && text.getLiteral().startsWith("|")) {
                    strays.add(text.getLiteral());
                }
                visitChildren(paragraph);
            }
        });
        assertThat(strays).as("table rows rendered as text in %s", page).isEmpty();
    }
}
