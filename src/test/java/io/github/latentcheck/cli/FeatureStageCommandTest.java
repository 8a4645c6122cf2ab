package io.github.latentcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs through the feature stage from the command line: the digits image folders and the VAE's generated images
 * through the fixture CNN, the cache, determinism across threads and cache hits, and bad input (exit 2, one line
 * naming the file or key).
 */
class FeatureStageCommandTest {
    private static final Path FIXTURES = Path.of("fixtures").toAbsolutePath();

    @TempDir
    Path tmp;

    private Path spec(String generator, String training, String features, String checks) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("spec"));
        return Files.writeString(dir.resolve("images.yaml"), """
                name: images
                seed: 7
                samples: 200
                priors: [{type: gaussian, dim: 16}]
                generator: %s
                data:
                  training: %s
                  holdout: %s
                features:
                  model: %s
                  size: [8, 8]
                  channels: 1
                  mean: [0.5]
                  std: [0.5]
                  batch: 64
                  cache: cache
                %s
                checks:
                %s
                """.formatted(generator, training, FIXTURES.resolve("features/images/digits-holdout"),
                FIXTURES.resolve("features/digits-cnn.onnx"), features, checks));
    }

    /** @return a spec comparing the generated digit images with the training digit images */
    private Path imageSpec(String features, String checks) throws IOException {
        return spec("{type: images, path: " + FIXTURES.resolve("features/images/digits-generated") + "}",
                FIXTURES.resolve("features/images/digits-train").toString(), features, checks);
    }

    private Path standard() throws IOException {
        return imageSpec("",
                "  - type: frechet\n    bootstrap: 20\n  - type: precision-recall\n    bootstrap: 50\n"
                        + "  - {type: vendi, bootstrap: 20}");
    }

    @Test
    void imagesAreComparedInFeatureSpaceAndTheReportNamesTheModel() throws IOException, NoSuchAlgorithmException {
        Path spec = standard();
        Cli one = Cli.run("run", spec.toString(), "--out", tmp.resolve("a").toString(), "--threads", "1");
        assertThat(one.status()).as("no gates: estimates only, exit 4; " + one.err()).isEqualTo(4);
        JsonNode r = new ObjectMapper().readTree(tmp.resolve("a/results.json").toFile());
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(FIXTURES.resolve("features/digits-cnn.onnx"))));
        assertThat(r.at("/features/sha256").asText()).isEqualTo(sha);
        assertThat(r.at("/features/dimension").asInt()).isEqualTo(32);
        assertThat(r.at("/features/spaces/frechet").asText()).isEqualTo("features");
        JsonNode pr = r.at("/runs/0/checks/1/metrics");
        assertThat(pr.get("precision").asDouble()).isBetween(pr.get("precisionLower").asDouble(),
                pr.get("precisionUpper").asDouble());
        assertThat(pr.get("baselinePrecision").asDouble()).isGreaterThan(0.5);
        // generated digits from a VAE fall short of real ones: FD far above the holdout's real-against-real value
        JsonNode fd = r.at("/runs/0/checks/0/metrics");
        assertThat(fd.get("fd").asDouble()).isGreaterThan(3 * fd.get("baselineFd").asDouble());
        assertThat(Files.readString(tmp.resolve("a/index.html"))).contains(sha).contains("embedding model");
        try (Stream<Path> cached = Files.list(spec.getParent().resolve("cache"))) {
            assertThat(cached.filter(p -> p.toString().endsWith(".npy"))).hasSize(2);
        }

        Cli two = Cli.run("run", spec.toString(), "--out", tmp.resolve("b").toString(), "--threads", "3");
        assertThat(two.status()).as(two.err()).isEqualTo(4);
        assertThat(Files.readString(tmp.resolve("b/results.json")).replaceAll("\"duration[^,]*,", ""))
                .as("from the cache, on 3 threads").isEqualTo(Files.readString(tmp.resolve("a/results.json"))
                        .replaceAll("\"duration[^,]*,", ""));
    }

    @Test
    void npyRowsWithAnImageShapeAreImagesAndAChecksSpaceMayBeRaw() throws IOException {
        Path spec = spec("{type: file, path: " + FIXTURES.resolve("data/digits_holdout.npy") + "}",
                FIXTURES.resolve("data/digits_train.npy").toString(), "  image_shape: [1, 8, 8]",
                "  - {type: frechet, bootstrap: 20}\n  - {type: frechet, id: raw-fd, space: raw, bootstrap: 20}");
        Cli cli = Cli.run("run", spec.toString(), "--out", tmp.resolve("a").toString(), "--json");
        assertThat(cli.status()).as("no gates: exit 4; " + cli.err()).isEqualTo(4);
        JsonNode r = new ObjectMapper().readTree(cli.out());
        assertThat(r.at("/features/spaces/raw-fd").asText()).isEqualTo("raw");
        double features = r.at("/runs/0/checks/0/metrics/fd").asDouble();
        double raw = r.at("/runs/0/checks/1/metrics/fd").asDouble();
        assertThat(features).isNotEqualTo(raw);
        // holdout digits against training digits: both spaces see (almost) the same distribution
        assertThat(raw).isLessThan(1.0);
    }

    @Test
    void aBrokenImageInADataFolderIsBadInputNamingTheFile() throws IOException {
        Path train = Files.createDirectories(tmp.resolve("train"));
        for (int i = 0; i < 5; i++) {
            Files.copy(FIXTURES.resolve("features/images/digits-train/train-000" + i + ".png"),
                    train.resolve("t" + i + ".png"));
        }
        Files.writeString(train.resolve("t5.png"), "truncated");
        Path spec = spec("{type: images, path: " + FIXTURES.resolve("features/images/digits-generated") + "}",
                train.toString(), "", "  - {type: frechet, bootstrap: 20}");
        Cli cli = Cli.run("run", spec.toString(), "--out", tmp.resolve("out").toString());
        assertThat(cli.status()).isEqualTo(2);
        assertThat(cli.err().strip()).startsWith("latentcheck: " + train.resolve("t5.png") + ": is not ").doesNotContain("\n");
        assertThat(tmp.resolve("out")).doesNotExist();
    }

    @Test
    void generatedImagesOfAnotherSizeAreBadInputNamingTheFile() throws IOException {
        Path gen = Files.createDirectories(tmp.resolve("gen"));
        for (int i = 0; i < 199; i++) {
            Files.copy(FIXTURES.resolve("features/images/digits-train/train-%04d.png".formatted(i)),
                    gen.resolve("g%03d.png".formatted(i)));
        }
        ImageIO.write(new BufferedImage(9, 8, BufferedImage.TYPE_BYTE_GRAY), "png", gen.resolve("g199.png").toFile());
        Path spec = spec("{type: images, path: " + gen + "}", FIXTURES.resolve("features/images/digits-train")
                .toString(), "", "  - {type: frechet, bootstrap: 20}");
        Cli cli = Cli.run("run", spec.toString(), "--out", tmp.resolve("out").toString());
        assertThat(cli.status()).isEqualTo(2);
        assertThat(cli.err()).contains(gen.resolve("g199.png") + ": is 8 x 9 with 1 channel(s), but the first image "
                + "of the folder is 8 x 8 with 1; generated images share one size");
    }

    @Test
    void aRawCheckOnAnImageFolderAndABadSizeAreRefusedNamingTheKey() throws IOException {
        Path spec = imageSpec("", "  - {type: frechet, space: raw}");
        Cli raw = Cli.run("run", spec.toString(), "--out", tmp.resolve("out").toString());
        assertThat(raw.status()).isEqualTo(2);
        assertThat(raw.err()).contains("images.yaml:").contains("check 'frechet' reads raw values (space: raw), but "
                + "data.training").contains("is a folder of images");

        Files.writeString(spec, Files.readString(spec).replace("size: [8, 8]", "size: [16, 16]")
                .replace("space: raw", "space: features"));
        Cli size = Cli.run("run", spec.toString(), "--out", tmp.resolve("out").toString());
        assertThat(size.status()).isEqualTo(2);
        assertThat(size.err()).contains("images.yaml:").contains("input 'images' has shape [?, 1, 8, 8] but the "
                + "preprocessing");

        Files.writeString(spec, Files.readString(spec).replace("size: [16, 16]", "size: [8, 8]")
                .replace("space: features", "space: pixels"));
        Cli space = Cli.run("run", spec.toString(), "--out", tmp.resolve("out").toString());
        assertThat(space.status()).isEqualTo(2);
        assertThat(space.err()).contains("space is not raw or features: pixels");
    }

    @Test
    void aModelWithDynamicHeightAndWidthTakesTheSpecsSizeAndWithoutOneIsRefusedNamingTheKey() throws IOException {
        Path spec = standard();
        Path dynamic = FIXTURES.resolve("features/pooled-dynamic.onnx");
        Files.writeString(spec, Files.readString(spec).replace(FIXTURES.resolve("features/digits-cnn.onnx").toString(),
                dynamic.toString()));
        Cli sized = Cli.run("run", spec.toString(), "--out", tmp.resolve("a").toString(), "--json");
        assertThat(sized.status()).as("no gates: exit 4; " + sized.err()).isEqualTo(4);
        assertThat(new ObjectMapper().readTree(sized.out()).at("/features/dimension").asInt()).isEqualTo(4);

        Files.writeString(spec, Files.readString(spec).replace("  size: [8, 8]\n", ""));
        Cli unsized = Cli.run("run", spec.toString(), "--out", tmp.resolve("b").toString());
        assertThat(unsized.status()).isEqualTo(2);
        assertThat(unsized.err().strip()).startsWith("latentcheck: " + spec + ":").contains(": features.size is "
                + "missing and " + dynamic + " leaves its input's height and width dynamic: give size: [height, width]")
                .hasLineCount(1);
        assertThat(tmp.resolve("b")).doesNotExist();

        Files.writeString(spec, Files.readString(spec).replace(dynamic.toString(),
                FIXTURES.resolve("features/digits-cnn.onnx").toString()));
        Cli fixed = Cli.run("run", spec.toString(), "--out", tmp.resolve("c").toString(), "--json");
        assertThat(fixed.status()).as("the model's own 8 x 8; " + fixed.err()).isEqualTo(4);
        assertThat(new ObjectMapper().readTree(fixed.out()).at("/features/dimension").asInt()).isEqualTo(32);
    }

    /**
     * The training features memory-mapped from their cache entry give the memorization check the same results,
     * byte for byte, as the features in the heap; a check that needs them in the heap says so in one line, and
     * memory_map without a cache, or with another value, is refused naming the key.
     */
    @Test
    void memoryMappedTrainingFeaturesGiveByteIdenticalResults() throws IOException {
        Path spec = imageSpec("  memory_map: never", "  - {type: memorization}");
        Cli heap = Cli.run("run", spec.toString(), "--out", tmp.resolve("heap").toString());
        assertThat(heap.status()).as("a verdict, not bad input; " + heap.err()).isIn(0, 1, 4);
        Files.writeString(spec, Files.readString(spec).replace("memory_map: never", "memory_map: always"));
        Cli mapped = Cli.run("run", spec.toString(), "--out", tmp.resolve("mapped").toString(), "--threads", "3");
        assertThat(mapped.status()).as(mapped.err()).isEqualTo(heap.status());
        assertThat(Files.readString(tmp.resolve("mapped/results.json")).replaceAll("\"duration[^,]*,", ""))
                .isEqualTo(Files.readString(tmp.resolve("heap/results.json")).replaceAll("\"duration[^,]*,", ""));
        Path cache = spec.getParent().resolve("cache");
        try (Stream<Path> entries = Files.list(cache)) {
            for (Path entry : entries.toList()) {
                Files.delete(entry);
            }
        }
        Cli written = Cli.run("run", spec.toString(), "--out", tmp.resolve("written").toString());
        assertThat(written.status()).as("mapped, embedded into the entry block by block; " + written.err())
                .isEqualTo(heap.status());
        assertThat(Files.readString(tmp.resolve("written/results.json")).replaceAll("\"duration[^,]*,", ""))
                .isEqualTo(Files.readString(tmp.resolve("heap/results.json")).replaceAll("\"duration[^,]*,", ""));

        Files.writeString(spec, Files.readString(spec).replace("{type: memorization}", "{type: frechet, bootstrap: 20}"));
        Cli frechet = Cli.run("run", spec.toString(), "--out", tmp.resolve("frechet").toString());
        assertThat(frechet.status()).isEqualTo(2);
        assertThat(frechet.err()).contains("check 'frechet': this check needs the training data in memory")
                .hasLineCount(1);

        Files.writeString(spec, Files.readString(spec).replace("cache: cache", "cache: none"));
        Cli none = Cli.run("run", spec.toString(), "--out", tmp.resolve("none").toString());
        assertThat(none.status()).isEqualTo(2);
        assertThat(none.err()).contains("images.yaml:").contains(": memory_map: always maps the training features "
                + "from their cache entry, but cache is none").hasLineCount(1);

        Files.writeString(spec, Files.readString(spec).replace("memory_map: always", "memory_map: sometimes"));
        Cli bad = Cli.run("run", spec.toString(), "--out", tmp.resolve("bad").toString());
        assertThat(bad.status()).isEqualTo(2);
        assertThat(bad.err()).contains(": memory_map is not auto, always or never: sometimes").hasLineCount(1);
    }

    @Test
    void rowsWithoutAnImageShapeAreRefused() throws IOException {
        Path spec = spec("{type: file, path: " + FIXTURES.resolve("data/digits_holdout.npy") + "}",
                FIXTURES.resolve("data/digits_train.npy").toString(), "", "  - {type: frechet, bootstrap: 20}");
        Cli cli = Cli.run("run", spec.toString(), "--out", tmp.resolve("out").toString());
        assertThat(cli.status()).isEqualTo(2);
        assertThat(cli.err()).contains("holds rows of 64 values and no image shape: give features.image_shape");
    }

    @Test
    void aFeaturesSectionOnTheSparkEngineIsRefusedInOneLine() throws IOException {
        Path spec = imageSpec("engine: {type: spark, master: 'local[1]'}", "  - {type: frechet, bootstrap: 20}");
        Cli cli = Cli.run("run", spec.toString(), "--out", tmp.resolve("out").toString());
        assertThat(cli.status()).isEqualTo(2);
        assertThat(cli.err()).contains("engine spark does not run with a features section yet").hasLineCount(1);
        assertThat(tmp.resolve("out")).doesNotExist();
    }
}
