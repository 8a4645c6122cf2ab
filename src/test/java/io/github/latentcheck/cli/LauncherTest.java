package io.github.latentcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./latentcheck} launcher starts Java with the Vector API module, whose JVM warning it
 * keeps off standard error, and passes everything else through. The launcher runs as written, from
 * a copy of the project layout whose {@code target/latentcheck.jar} is newer than its (empty)
 * sources, so it does not build; that jar's manifest points at the test's class path. Runs other than
 * {@code --version} and {@code --help} record and then use a class data sharing archive beside the jar,
 * which must never change the output or fail a run.
 */
class LauncherTest {
    @TempDir
    Path project;

    @BeforeEach
    void layOutAProjectWithABuiltJar() throws IOException {
        Path launcher = Files.copy(Path.of("latentcheck"), project.resolve("latentcheck"));
        assertThat(launcher.toFile().setExecutable(true)).isTrue();
        Files.createDirectories(project.resolve("src/main"));
        Files.writeString(project.resolve("pom.xml"), "<project/>");
        writeJar("1");
        FileTime old = FileTime.from(Instant.now().minusSeconds(3600));
        for (Path source : List.of(project.resolve("src/main"), project.resolve("pom.xml"))) {
            Files.setLastModifiedTime(source, old);
        }
    }

    /** Writes target/latentcheck.jar: a manifest only, whose build number makes jars differ. */
    private void writeJar(String build) throws IOException {
        Path jar = Files.createDirectories(project.resolve("target")).resolve("latentcheck.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(new Attributes.Name("Build"), build);
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, LatentcheckCommand.class.getName());
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, Stream.of(
                System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toUri().toString()).collect(Collectors.joining(" ")));
        try (OutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            out.flush();
        }
    }

    @Test
    void versionNamesTheVectorKernelAndStandardErrorStaysEmpty() throws Exception {
        Cli cli = launch(Map.of(), "--version");

        assertThat(cli.status()).as(cli.err()).isZero();
        assertThat(cli.err()).isEmpty();
        assertThat(cli.out()).startsWith("latentcheck ").contains("k-NN kernel: Vector API");
    }

    @Test
    void withExtraJarsTheWarningIsKeptOffToo() throws Exception {
        Cli cli = launch(Map.of("LATENTCHECK_CLASSPATH", project.resolve("none.jar").toString()), "--version");

        assertThat(cli.status()).isZero();
        assertThat(cli.err()).isEmpty();
        assertThat(cli.out()).contains("k-NN kernel: Vector API");
    }

    @Test
    void everyOtherLineOfStandardErrorAndTheExitStatusPassThrough() throws Exception {
        Cli unknown = launch(Map.of(), "tset");
        Cli note = launch(Map.of("LATENTCHECK_JAVA_OPTS", "-Dlatentcheck.vector=false"), "sample", "--prior",
                "gaussian", "--dim", "1", "--n", "5", "--out", project.resolve("z.csv").toString());

        assertThat(unknown.status()).isEqualTo(2);
        assertThat(unknown.err()).isEqualTo("latentcheck: unknown command 'tset' (did you mean 'test'?); the commands "
                + "are run, plan, sample, test, audit, coverage, help; run 'latentcheck --help' for usage\n");
        assertThat(unknown.out()).isEmpty();
        assertThat(note.status()).as(note.err()).isZero();
        assertThat(note.out()).startsWith("5 draws from ");
        assertThat(note.err()).isEqualTo("latentcheck: warning: sample --n is now --samples; the old spelling will "
                + "be removed in the next release\n");
    }

    private Cli sample() throws Exception {
        return launch(Map.of(), sampleArguments());
    }

    private String[] sampleArguments() {
        return new String[] {"sample", "--prior", "gaussian", "--dim", "2", "--samples", "5", "--seed", "3", "--out",
            project.resolve("z.csv").toString()};
    }

    private List<String> archives() throws IOException {
        Path folder = project.resolve("target/cds");
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(file -> file.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    /** The first real run records a class data sharing archive, later runs map it; the output is the same. */
    @Test
    void theFirstRunRecordsAClassArchiveThatLaterRunsUse() throws Exception {
        Cli version = launch(Map.of(), "--version");
        assertThat(archives()).as("--version records nothing").isEmpty();

        Cli first = sample();
        List<String> recorded = archives();
        Cli second = sample();

        assertThat(version.status()).isZero();
        assertThat(first.status()).as(first.err()).isZero();
        assertThat(first.err()).isEmpty();
        assertThat(recorded).hasSize(1);
        assertThat(recorded.get(0)).matches("latentcheck(-[0-9]+){6}\\.jsa");
        assertThat(second.err()).isEmpty();
        assertThat(second.out()).isEqualTo(first.out()).startsWith("5 draws from ");
        assertThat(archives()).isEqualTo(recorded);
    }

    @Test
    void aRebuiltJarGetsAnArchiveOfItsOwnAndTheOldOneGoes() throws Exception {
        sample();
        List<String> before = archives();
        writeJar("2");
        Cli rebuilt = sample();

        assertThat(rebuilt.status()).as(rebuilt.err()).isZero();
        assertThat(before).hasSize(1);
        assertThat(archives()).hasSize(1).doesNotContainAnyElementsOf(before);
    }

    @Test
    void aDamagedArchiveOrNoPlaceForOneNeverFailsARun() throws Exception {
        sample();
        Path archive = project.resolve("target/cds").resolve(archives().get(0));
        assertThat(archive.toFile().setWritable(true)).isTrue();
        Files.write(archive, new byte[] {1, 2, 3});
        Cli damaged = sample();
        Files.delete(archive);
        Files.delete(project.resolve("target/cds"));
        Files.writeString(project.resolve("target/cds"), "not a folder");
        Cli noPlace = sample();
        Cli off = launch(Map.of("LATENTCHECK_CDS", "0"), sampleArguments());

        for (Cli cli : List.of(damaged, noPlace, off)) {
            assertThat(cli.status()).as(cli.err()).isZero();
            assertThat(cli.err()).isEmpty();
            assertThat(cli.out()).startsWith("5 draws from ");
        }
        assertThat(damaged.out()).isEqualTo(noPlace.out()).isEqualTo(off.out());
    }

    /** The launcher picks the serial collector, and leaves the choice to LATENTCHECK_JAVA_OPTS when it names one. */
    @Test
    void theSerialCollectorUnlessTheOptionsNameAnother() throws Exception {
        Cli chosen = launch(Map.of("LATENTCHECK_JAVA_OPTS", "-XX:+PrintCommandLineFlags"), "--version");
        Cli g1 = launch(Map.of("LATENTCHECK_JAVA_OPTS", "-XX:+PrintCommandLineFlags -XX:+UseG1GC"), "--version");

        assertThat(chosen.status()).as(chosen.err()).isZero();
        assertThat(chosen.out()).contains("-XX:+UseSerialGC").doesNotContain("-XX:+UseG1GC");
        assertThat(g1.status()).as(g1.err()).isZero();
        assertThat(g1.out()).contains("-XX:+UseG1GC").doesNotContain("-XX:+UseSerialGC");
    }

    /** The JVM does warn without the launcher's filter: the line the launcher drops is real. */
    @Test
    void theJvmItselfPrintsTheWarning() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Cli cli = run(List.of(java, "--add-modules", "jdk.incubator.vector", "-jar",
                project.resolve("target/latentcheck.jar").toString(), "--version"), Map.of());

        assertThat(cli.err()).startsWith("WARNING: Using incubator modules: jdk.incubator.vector\n");
    }

    private Cli launch(Map<String, String> environment, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", project.resolve("latentcheck").toString()));
        command.addAll(List.of(args));
        return run(command, environment);
    }

    /** Runs a process with this JVM's java first on the PATH; the timeout only guards against a hang. */
    private Cli run(List<String> command, Map<String, String> environment) throws Exception {
        Path stdout = project.resolve("stdout.txt");
        Path stderr = project.resolve("stderr.txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile());
        String bin = Path.of(System.getProperty("java.home"), "bin").toString();
        builder.environment().put("PATH", bin + File.pathSeparator + System.getenv("PATH"));
        builder.environment().remove("LATENTCHECK_JAVA_OPTS");
        builder.environment().remove("LATENTCHECK_CLASSPATH");
        builder.environment().putAll(environment);
        Process p = builder.start();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        return new Cli(p.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                Files.readString(stderr, StandardCharsets.UTF_8));
    }
}
