package io.github.latentcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.latentcheck.ReadmeBlocks;
import io.github.latentcheck.generator.GeneratorProvider;
import io.github.latentcheck.generator.Generators;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's generator in a jar of its own: the README's provider (its java block declaring
 * ScaleGenerator) is compiled at test time into a jar with its META-INF/services file, loaded through
 * a URLClassLoader set as the thread's context class loader (what {@code java -cp latentcheck.jar:my.jar}
 * gives), and named by a spec; a factor it refuses is bad input at the spec's line.
 */
class UserGeneratorJarTest {
    @TempDir
    Path tmp;

    @Test
    void aProviderInAUsersJarIsFoundAndRun() throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assumeTrue(javac != null, "no system Java compiler (a JRE, not a JDK): the user-jar test is skipped");
        Path classes = Files.createDirectory(tmp.resolve("classes"));
        String latentcheckClasses = Path.of(GeneratorProvider.class.getProtectionDomain().getCodeSource().getLocation()
                .getPath()).toString();
        Path source = tmp.resolve("ScaleGenerator.java");
        Files.writeString(source, ReadmeBlocks.declaring("ScaleGenerator").source());
        int status = javac.run(null, null, null, "-d", classes.toString(), "-cp", latentcheckClasses,
                source.toString());
        assertThat(status).as("javac exit status").isZero();
        Path jar = tmp.resolve("my-generators.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            add(out, "com/example/ScaleGenerator.class", Files.readAllBytes(classes.resolve("com/example/ScaleGenerator.class")));
            add(out, "com/example/ScaleGenerator$1.class", Files.readAllBytes(classes.resolve("com/example/ScaleGenerator$1.class")));
            add(out, "META-INF/services/io.github.latentcheck.generator.GeneratorProvider",
                    "com.example.ScaleGenerator\n".getBytes(StandardCharsets.UTF_8));
        }
        Path spec = Files.writeString(tmp.resolve("scale.yaml"), """
                name: scale
                samples: 2000
                latent_dim: 2
                priors: [gaussian]
                generator: {type: scale, factor: 1}
                checks: [latent-ks]
                gates: [latent-ks.rejected == 0]
                """);

        assertThat(Generators.providers()).doesNotContainKey("scale");
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        try (URLClassLoader users = new URLClassLoader(new URL[] {jar.toUri().toURL()}, before)) {
            thread.setContextClassLoader(users);
            assertThat(Generators.providers(users)).containsKey("scale");

            Cli cli = Cli.run("run", spec.toString(), "--out", tmp.resolve("report").toString());

            assertThat(cli.status()).as(cli.err()).isZero();
            assertThat(cli.out()).contains("scale: PASSED");

            Files.writeString(spec, Files.readString(spec).replace("factor: 1", "factor: -1"));
            Cli refused = Cli.run("run", spec.toString(), "--out", tmp.resolve("refused").toString());

            assertThat(refused.status()).as(refused.err()).isEqualTo(LatentcheckCommand.BAD_INPUT);
            assertThat(refused.err()).startsWith("latentcheck: " + spec + ":5: generator 'scale': factor is not strictly positive: -1.0");
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    private static void add(JarOutputStream jar, String name, byte[] bytes) throws IOException {
        jar.putNextEntry(new JarEntry(name));
        jar.write(bytes);
        jar.closeEntry();
    }
}
