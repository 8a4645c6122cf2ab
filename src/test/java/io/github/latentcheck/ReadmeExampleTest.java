package io.github.latentcheck;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.latentcheck.assertj.LatentAssertions;
import io.github.latentcheck.data.Latents;
import io.github.latentcheck.data.Samples;
import io.github.latentcheck.power.KolmogorovSmirnovPower;
import io.github.latentcheck.power.MeanTestPower;
import io.github.latentcheck.prior.GaussianPrior;
import io.github.latentcheck.prior.LatentSampler;
import io.github.latentcheck.prior.Prior;
import io.github.latentcheck.report.ReportWriter;
import io.github.latentcheck.run.Experiment;
import io.github.latentcheck.run.ExperimentResult;
import io.github.latentcheck.run.ExperimentRunner;
import io.github.latentcheck.run.ProgressListener;
import io.github.latentcheck.spec.ExperimentSpec;
import io.github.latentcheck.stats.KolmogorovSmirnov;
import io.github.latentcheck.stats.TestResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the Java examples of README.md and checks that the README shows them exactly as they are
 * here, so that the examples cannot rot. Each example stands between {@code README:begin NAME} and
 * {@code README:end} comments.
 */
class ReadmeExampleTest {
    @TempDir
    Path tmp;

    @Test
    void runAnExperimentFromJava() throws IOException {
        Path reportFolder = tmp.resolve("quickstart");
        // README:begin run
        ExperimentSpec spec = ExperimentSpec.read(Path.of("experiments/quickstart.yaml"));
        Experiment experiment = Experiment.load(spec);
        ExperimentResult result = ExperimentRunner.of(2, ProgressListener.NONE).run(experiment);
        ReportWriter.write(reportFolder, result, ReportWriter.standard());
        boolean passed = result.passed();
        // README:end

        assertThat(passed).isTrue();
        assertThat(reportFolder.resolve("index.html")).isRegularFile();
        assertThat(readme()).contains(example("run"));
    }

    @Test
    void testAPriorDirectly() throws IOException {
        // README:begin prior
        Prior prior = GaussianPrior.of(8);
        Latents z = LatentSampler.sample(prior, 10_000, 42L, 2);
        TestResult ks = KolmogorovSmirnov.oneSample(z.column(0), prior.marginal(0)::cumulativeProbability);
        boolean rejected = ks.reject(0.01);
        // README:end

        assertThat(rejected).isFalse();
        assertThat(readme()).contains(example("prior"));
    }

    @Test
    void powerAndSampleSize() throws IOException {
        // README:begin power
        KolmogorovSmirnovPower ks = KolmogorovSmirnovPower.withDefaults();
        double detectable = ks.detectableEffect(1000, 0.05 / 8, 0.8); // KS distance, 8 coordinates (Bonferroni)
        long needed = ks.requiredSamples(0.05 / 8, 0.05, 0.8);        // draws to see a KS distance of 0.05
        double power = MeanTestPower.of().power(1000, 0.05 / 32, 0.1);  // mean test, 4·8 moment tests
        // README:end

        assertThat(detectable).isBetween(0.05, 0.06);
        assertThat(needed).isBetween(1000L, 1400L);
        assertThat(power).isBetween(0.45, 0.55);
        assertThat(readme()).contains(example("power"));
    }

    @Test
    void jointDistributionAssertion() throws IOException {
        // README:begin joint
        Samples generated = LatentSampler.sample(GaussianPrior.of(2), 300, 7L, 1).toSamples();
        Samples training = LatentSampler.sample(GaussianPrior.of(2), 300, 8L, 1).toSamples();
        LatentAssertions.assertThat(generated).withSeed(7L).hasSameJointDistributionAs(training);
        // README:end

        assertThat(readme()).contains(example("joint"));
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"QuickstartGatesTest.java, junit-experiment",
        "GaussianPriorTest.java, junit-prior"})
    void theJunitExamplesAreShownVerbatim(String file, String name) throws IOException {
        List<String> lines = Files.readAllLines(Path.of("src/test/java/io/github/latentcheck/examples", file));
        int begin = lines.indexOf("// README:begin " + name);
        int end = lines.indexOf("// README:end");
        assertThat(readme()).contains(String.join("\n", lines.subList(begin + 1, end)));
    }

    private static String readme() throws IOException {
        return Files.readString(Path.of("README.md"));
    }

    private static String example(String name) throws IOException {
        List<String> lines = Files.readAllLines(Path.of("src/test/java/io/github/latentcheck/ReadmeExampleTest.java"));
        int begin = lines.indexOf("        // README:begin " + name);
        int end = lines.subList(begin, lines.size()).indexOf("        // README:end") + begin;
        return lines.subList(begin + 1, end).stream().map(l -> l.substring(8)).collect(Collectors.joining("\n"));
    }
}
