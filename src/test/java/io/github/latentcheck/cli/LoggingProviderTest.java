package io.github.latentcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With Spark's log4j binding on the class path beside this jar's slf4j-nop, the command names Spark's
 * provider in {@code slf4j.provider}, so SLF4J takes it without warning about two providers; without
 * it, or when the property is set, nothing changes. (The warning itself, seen with {@code java -cp
 * "latentcheck.jar:<Spark's jars>"}, is gone in that run: docs/spark.md.)
 */
class LoggingProviderTest {
    @TempDir
    Path dir;

    private ClassLoader withSparkBinding() throws Exception {
        Path provider = dir.resolve(LatentcheckCommand.SPARK_LOGGING_PROVIDER.replace('.', '/') + ".class");
        Files.createDirectories(provider.getParent());
        Files.write(provider, new byte[0]);
        return new URLClassLoader(new URL[] {dir.toUri().toURL()}, null);
    }

    @Test
    void sparksBindingIsNamedWhenItIsOnTheClassPath() throws Exception {
        Properties properties = new Properties();
        LatentcheckCommand.chooseLoggingProvider(withSparkBinding(), properties);
        assertThat(properties.getProperty("slf4j.provider")).isEqualTo("org.apache.logging.slf4j.SLF4JServiceProvider");
        assertThat(properties.getProperty("slf4j.internal.verbosity")).isEqualTo("WARN");
    }

    @Test
    void withoutSparkOrWithTheChoiceMadeNothingChanges() throws Exception {
        Properties none = new Properties();
        LatentcheckCommand.chooseLoggingProvider(new URLClassLoader(new URL[0], null), none);
        assertThat(none).isEmpty();
        Properties chosen = new Properties();
        chosen.setProperty("slf4j.provider", "org.slf4j.nop.NOPServiceProvider");
        LatentcheckCommand.chooseLoggingProvider(withSparkBinding(), chosen);
        assertThat(chosen.getProperty("slf4j.provider")).isEqualTo("org.slf4j.nop.NOPServiceProvider");
    }
}
