package io.github.latentcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {
    @TempDir
    Path tmp;

    @Test
    void quickstartPassesAndWritesTheFourReportFiles() {
        Cli cli = Cli.run("run", "experiments/quickstart.yaml", "--out", tmp.toString());

        assertThat(cli.status()).as(cli.err()).isZero();
        assertThat(tmp.resolve("index.html")).isRegularFile();
        assertThat(tmp.resolve("results.json")).isRegularFile();
        assertThat(tmp.resolve("junit.xml")).isRegularFile();
        assertThat(tmp.resolve("summary.md")).isRegularFile();
        assertThat(cli.out()).contains("latent-ks.rejected == 0").contains("quickstart: PASSED");
        assertThat(cli.err()).isEmpty();
    }

    @Test
    void brokenGeneratorFailsItsMarginalGateWithStatusOne() throws IOException {
        Cli cli = Cli.run("run", "experiments/broken-generator.yaml", "--out", tmp.toString());

        assertThat(cli.status()).as(cli.err()).isEqualTo(1);
        assertThat(cli.out()).contains("marginal-ks.rejected == 0").contains("FAIL");
        assertThat(Files.readString(tmp.resolve("junit.xml"))).contains("<failure");
    }

    @Test
    void gaussianAndUniformPriorsRunSideBySide() throws IOException {
        Cli cli = Cli.run("run", "experiments/gaussian-vs-uniform.yaml", "--out", tmp.toString(), "--samples", "2000");

        assertThat(cli.status()).as(cli.err()).isZero();
        String json = Files.readString(tmp.resolve("results.json"));
        assertThat(json).contains("\"prior\" : \"gaussian\"").contains("\"prior\" : \"uniform\"")
                .contains("\"description\" : \"U(-1, 1)^3\"");
    }

    @Test
    void theSameSeedGivesByteIdenticalResultsOnAnyThreadCount() throws IOException {
        byte[] first = resultsWith("1");
        byte[] again = resultsWith("1");
        byte[] twoThreads = resultsWith("2");
        byte[] fiveThreads = resultsWith("5");

        assertThat(again).isEqualTo(first);
        assertThat(twoThreads).isEqualTo(first);
        assertThat(fiveThreads).isEqualTo(first);
    }

    @Test
    void anotherSeedGivesOtherResults() throws IOException {
        Path out = tmp.resolve("seed-43");
        Cli.run("run", "experiments/quickstart.yaml", "--out", out.toString(), "--seed", "43");

        assertThat(Files.readAllBytes(out.resolve("results.json"))).isNotEqualTo(resultsWith("1"));
    }

    @Test
    void jsonOptionPrintsTheResultsObject() {
        Cli cli = Cli.run("run", "experiments/quickstart.yaml", "--out", tmp.toString(), "--samples", "500", "--json");

        assertThat(cli.out()).startsWith("{").contains("\"experiment\" : \"quickstart\"").contains("\"samples\" : 500");
    }

    @Test
    void jsonAndTheWrittenReportHoldTheSameNumbersAsARunWithoutJson() throws IOException {
        Path withJson = tmp.resolve("with-json");
        Path plain = tmp.resolve("plain");
        Cli json = Cli.run("run", "experiments/gaussian-vs-uniform.yaml", "--out", withJson.toString(), "--samples",
                "1000", "--json");
        Cli.run("run", "experiments/gaussian-vs-uniform.yaml", "--out", plain.toString(), "--samples", "1000");

        byte[] written = Files.readAllBytes(plain.resolve("results.json"));
        assertThat(Files.readAllBytes(withJson.resolve("results.json"))).isEqualTo(written);
        assertThat(json.out().strip()).isEqualTo(new String(written, java.nio.charset.StandardCharsets.UTF_8).strip());
    }

    private byte[] resultsWith(String threads) throws IOException {
        Path out = tmp.resolve("threads-" + threads + "-" + System.nanoTime());
        // 3000 draws span three sampling blocks, so the thread count changes which thread draws which block.
        Cli cli = Cli.run("run", "experiments/gaussian-vs-uniform.yaml", "--out", out.toString(),
                "--samples", "3000", "--threads", threads);
        assertThat(cli.status()).as(cli.err()).isZero();
        return Files.readAllBytes(out.resolve("results.json"));
    }
}
