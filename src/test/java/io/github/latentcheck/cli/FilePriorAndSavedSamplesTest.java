package io.github.latentcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.latentcheck.data.Latents;
import io.github.latentcheck.data.SampleFiles;
import io.github.latentcheck.data.Samples;
import io.github.latentcheck.prior.GaussianPrior;
import io.github.latentcheck.prior.LatentSampler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run --save-samples}, replaying saved latents through a {@code file} prior, and per-prior generators. */
class FilePriorAndSavedSamplesTest {
    private static final long SEED = 7L; // experiments/gaussian-vs-uniform.yaml

    @TempDir
    Path tmp;

    @Test
    void saveSamplesWritesEveryPriorsLatentsAsFloat64AndSamplesAsFloat32() throws IOException {
        Path out = tmp.resolve("report");
        Cli cli = Cli.run("run", "experiments/gaussian-vs-uniform.yaml", "--out", out.toString(), "--samples", "500",
                "--save-samples");

        assertThat(cli.status()).as(cli.err()).isZero();
        Latents z = SampleFiles.readLatents(out.resolve("latents-gaussian.npy"));
        assertThat(z.rows()).isEqualTo(500);
        assertThat(z.toArray()).as("the latents as drawn, in float64")
                .isEqualTo(LatentSampler.sample(GaussianPrior.of(3), 500, SEED, 1).toArray());
        Samples x = SampleFiles.readSamples(out.resolve("samples-uniform.npy"));
        assertThat(x.rows()).isEqualTo(500);
        assertThat(x.columns()).isEqualTo(2);
        assertThat(Files.readString(out.resolve("samples-gaussian.npy"), java.nio.charset.StandardCharsets.ISO_8859_1))
                .contains("'descr': '<f4'");
        assertThat(out.resolve("latents-uniform.npy")).isRegularFile();
    }

    @Test
    void aFilePriorReplaysSavedLatentsAndReproducesTheChecks() throws IOException {
        Path first = tmp.resolve("first");
        Cli original = Cli.run("run", "experiments/quickstart.yaml", "--out", first.toString(), "--samples", "2000",
                "--save-samples");
        assertThat(original.status()).as(original.err()).isIn(0, 1);
        Path spec = Files.writeString(tmp.resolve("replay.yaml"), """
                name: replay
                seed: 7           # ignored by a file prior: its rows are replayed in order
                samples: 2000
                priors:
                  - {type: file, path: first/latents-gaussian.npy, reference: gaussian, label: gaussian}
                generator: {type: ring}
                data: {training: %s}
                checks:
                  - {type: latent-ks, alpha: 0.01}
                  - {type: moments, alpha: 0.01}
                  - {type: marginal-ks, alpha: 0.001}
                gates: [latent-ks.rejected == 0]
                """.formatted(Path.of("fixtures/data/ring8_train.npy").toAbsolutePath()));
        Path second = tmp.resolve("second");

        Cli replay = Cli.run("run", spec.toString(), "--out", second.toString());

        assertThat(replay.status()).as(replay.err()).isZero();
        ObjectMapper json = new ObjectMapper();
        JsonNode before = json.readTree(first.resolve("results.json").toFile()).get("runs").get(0);
        JsonNode after = json.readTree(second.resolve("results.json").toFile()).get("runs").get(0);
        assertThat(after.get("type").asText()).isEqualTo("file");
        assertThat(after.get("checks")).isEqualTo(before.get("checks"));
    }

    @Test
    void aLatentCheckOnAFilePriorWithoutReferenceIsRefusedBeforeRunning() throws IOException {
        SampleFiles.write(tmp.resolve("z.npy"), LatentSampler.sample(GaussianPrior.of(3), 100, 1L, 1));
        Path spec = Files.writeString(tmp.resolve("noref.yaml"), """
                name: noref
                samples: 100
                priors:
                  - {type: file, path: z.npy}
                generator: {type: identity}
                checks: [latent-ks]
                """);

        Cli cli = Cli.run("run", spec.toString(), "--out", tmp.resolve("r").toString());

        assertThat(cli.status()).isEqualTo(2);
        assertThat(cli.err()).contains("noref.yaml:4: prior 'file'").contains("has no reference distribution")
                .contains("check 'latent-ks'").contains("reference: gaussian");
        assertThat(tmp.resolve("r")).doesNotExist();
    }

    @Test
    void askingForMoreSamplesThanTheFileHoldsIsRefused() throws IOException {
        SampleFiles.write(tmp.resolve("z.csv"), LatentSampler.sample(GaussianPrior.of(3), 100, 1L, 1));
        Path spec = Files.writeString(tmp.resolve("short.yaml"), """
                name: short
                samples: 101
                priors:
                  - {type: file, path: z.csv, reference: uniform, low: -5, high: 5}
                generator: {type: identity}
                checks: [latent-ks]
                """);

        Cli cli = Cli.run("run", spec.toString(), "--out", tmp.resolve("r").toString());

        assertThat(cli.status()).isEqualTo(2);
        assertThat(cli.err()).contains("short.yaml:4").contains("(100 rows, reference U(-5, 5)^3)")
                .contains("fewer rows than the 101 samples");
    }

    @Test
    void eachPriorRunsItsOwnModelInRing8GanPriors() throws IOException {
        Path out = tmp.resolve("gans");
        Cli cli = Cli.run("run", "experiments/ring8-gan-priors.yaml", "--out", out.toString(), "--samples", "2000");

        assertThat(cli.status()).as("both GANs under-cover modes: " + cli.err() + cli.out()).isEqualTo(1);
        assertThat(cli.out()).containsPattern("gaussian\\s+mode-coverage.underCoveredModes == 0\\s+\\d+\\s+FAIL")
                .containsPattern("uniform\\s+mode-coverage.underCoveredModes == 0\\s+\\d+\\s+FAIL")
                .containsPattern("gaussian\\s+latent-ks.rejected == 0\\s+0\\s+pass");
        JsonNode runs = new ObjectMapper().readTree(out.resolve("results.json").toFile()).get("runs");
        assertThat(runs.get(0).get("description").asText()).isEqualTo("N(0, I_8)");
        assertThat(runs.get(1).get("description").asText()).isEqualTo("U(-1, 1)^8");
    }

    @Test
    void theDigitsAuditGatesTheLatentsAndCopyingOfTheVae() {
        Cli cli = Cli.run("run", "experiments/digits-vae-audit.yaml", "--out", tmp.resolve("digits").toString(),
                "--samples", "2000");

        assertThat(cli.status()).as(cli.err() + cli.out()).isZero();
        assertThat(cli.out()).containsPattern("memorization.copyFraction <= 0.01\\s+0\\.0+\\s+pass")
                .contains("memorization.dataCopyingPValue >= 0.01").doesNotContain("marginal-ks.tests");
    }

    @Test
    void anUnknownKeyInAPriorsGeneratorIsRefusedWithItsLine() throws IOException {
        Path spec = Files.writeString(tmp.resolve("typo.yaml"), """
                name: typo
                samples: 100
                latent_dim: 8
                priors:
                  - type: gaussian
                    generator:
                      modle: %s
                generator: {type: onnx, model: %s}
                checks: [latent-ks]
                """.formatted("x.onnx", Path.of("fixtures/models/ring8-gan-gaussian.onnx").toAbsolutePath()));

        Cli cli = Cli.run("run", spec.toString(), "--out", tmp.resolve("r").toString());

        assertThat(cli.status()).isEqualTo(2);
        assertThat(cli.err()).contains("typo.yaml:7: unknown key 'modle' in priors[0].generator");
    }
}
