package io.github.latentcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit on Spark's {@code local-cluster[2,1,1024]}: a master, two workers and two executor JVMs
 * of one core each, started from the Maven jars (a folder of links to them stands in for
 * {@code SPARK_HOME/jars}). Its results.json is byte for byte the one of the local engine. The
 * executors run without {@code jdk.incubator.vector}, so they use the plain-Java kernel. Behind the
 * {@code spark-cluster} profile ({@code mvn -B -Pspark-cluster verify}): it starts five JVMs (docs/spark.md
 * records a run).
 */
@Tag("spark-cluster")
class SparkClusterTest {
    @TempDir
    Path dir;

    @Test
    void twoExecutorJvmsGiveTheLocalResultsByteForByte() throws Exception {
        ShardedAuditTest.Inputs inputs = ShardedAuditTest.write(dir);
        Cli local = Cli.run(inputs.audit(inputs.folder(), dir.resolve("local")));
        assertThat(local.status()).as(local.err()).isEqualTo(1);

        String classPath = System.getProperty("java.class.path");
        Path jars = Files.createDirectories(dir.resolve("spark-home").resolve("jars"));
        List<String> absolute = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            Path path = Path.of(entry).toAbsolutePath();
            absolute.add(path.toString());
            if (entry.endsWith(".jar") && !Files.exists(jars.resolve(path.getFileName()))) {
                Files.createSymbolicLink(jars.resolve(path.getFileName()), path);
            }
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Djava.awt.headless=true",
                "--add-modules", "jdk.incubator.vector",
                "-Dspark.executor.extraClassPath=" + String.join(File.pathSeparator, absolute),
                "-Dspark.executor.memory=512m", "-Dspark.ui.enabled=false",
                "-cp", classPath, LatentcheckCommand.class.getName()));
        command.addAll(List.of(inputs.audit(inputs.folder(), dir.resolve("cluster"), "--engine", "spark",
                "--master", "local-cluster[2,1,1024]", "--partition-rows", "700")));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(dir.resolve("stdout.txt").toFile())
                .redirectError(dir.resolve("stderr.txt").toFile());
        builder.environment().put("SPARK_HOME", jars.getParent().toString());
        builder.environment().put("SPARK_SCALA_VERSION", "2.13");
        Process process = builder.start();
        try {
            assertThat(process.waitFor(10, TimeUnit.MINUTES)).as("a hang guard, not a timing").isTrue();
        } finally {
            // Removed here, so that JUnit does not warn about each link to a jar outside the temporary folder.
            try (Stream<Path> links = Files.list(jars)) {
                for (Path link : links.toList()) {
                    Files.delete(link);
                }
            }
        }
        assertThat(process.exitValue()).as(Files.readString(dir.resolve("stderr.txt"), StandardCharsets.UTF_8))
                .isEqualTo(1);
        assertThat(Files.readAllBytes(dir.resolve("cluster").resolve("results.json")))
                .isEqualTo(Files.readAllBytes(dir.resolve("local").resolve("results.json")));
    }
}
