package io.github.latentcheck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The {@code ```java} blocks of README.md and of every page in {@code docs/}, each a complete source
 * file, as the consumer project (src/it/consumer/readme-examples.groovy) copies them out.
 */
public final class ReadmeBlocks {
    private static final Pattern BLOCK = Pattern.compile("(?s)```java\n(.*?)```");
    private static final Pattern TYPE = Pattern.compile("(?m)^(?:public\\s+)?(?:final\\s+)?(?:class|interface|record|enum)\\s+(\\w+)");
    private static final Pattern PACKAGE = Pattern.compile("(?m)^package\\s+([\\w.]+);");

    /** One block: its source text and the file it belongs in, relative to a source folder. */
    public record Block(String source, Path file) {
    }

    private ReadmeBlocks() {
    }

    /** @return the pages whose java blocks are examples: README.md, then docs/*.md by name */
    public static List<Path> pages() {
        List<Path> pages = new ArrayList<>(List.of(Path.of("README.md")));
        try (Stream<Path> docs = Files.list(Path.of("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pages;
    }

    /** @return every java block of the pages, in order */
    public static List<Block> all() {
        List<Block> blocks = new ArrayList<>();
        for (Path page : pages()) {
            String text;
            try {
                text = Files.readString(page);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Matcher m = BLOCK.matcher(text);
            while (m.find()) {
                String source = m.group(1);
                Matcher type = TYPE.matcher(source);
                if (!type.find()) {
                    throw new IllegalStateException("a java block of " + page + " declares no top-level type:\n" + source);
                }
                Matcher pkg = PACKAGE.matcher(source);
                Path folder = pkg.find() ? Path.of(pkg.group(1).replace('.', '/')) : Path.of("");
                blocks.add(new Block(source, folder.resolve(type.group(1) + ".java")));
            }
        }
        return blocks;
    }

    /**
     * @param typeName a top-level type's simple name
     * @return the block that declares it
     */
    public static Block declaring(String typeName) {
        return all().stream().filter(b -> b.file().getFileName().toString().equals(typeName + ".java")).findFirst()
                .orElseThrow(() -> new IllegalStateException("README.md and docs/ have no java block declaring " + typeName));
    }
}
