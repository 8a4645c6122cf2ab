package io.github.latentcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every Java example of README.md and docs/*.md is a complete source file that compiles against
 * latentcheck, JUnit 5 and AssertJ as it stands on its page: a quick check for {@code mvn test}. The consumer project
 * (src/it/consumer, run by {@code mvn verify}) compiles them again with nothing but those dependencies
 * and runs them.
 */
class ReadmeExampleTest {
    @TempDir
    Path tmp;

    @Test
    void everyJavaExampleCompilesAsWritten() throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assumeTrue(javac != null, "no system Java compiler (a JRE, not a JDK): the check of the documentation's examples is skipped");
        List<ReadmeBlocks.Block> blocks = ReadmeBlocks.all();
        List<String> args = new ArrayList<>(List.of("-d", tmp.resolve("classes").toString(), "-cp",
                System.getProperty("java.class.path"), "-Xlint:all", "-Werror", "-proc:none"));
        for (ReadmeBlocks.Block block : blocks) {
            Path file = tmp.resolve("src").resolve(block.file());
            Files.createDirectories(file.getParent());
            Files.writeString(file, block.source());
            args.add(file.toString());
        }

        assertThat(blocks).hasSizeGreaterThanOrEqualTo(8);
        assertThat(javac.run(null, null, null, args.toArray(String[]::new))).as("javac exit status").isZero();
    }
}
