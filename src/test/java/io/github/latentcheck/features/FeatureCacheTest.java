package io.github.latentcheck.features;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.latentcheck.data.MappedNpyFile;
import io.github.latentcheck.data.Samples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The feature cache: a hit is not recomputed; a damaged, truncated or half-written entry is recomputed and repaired,
 * whether it is read into the heap or memory-mapped; when the training features are mapped.
 */
class FeatureCacheTest {
    @TempDir
    Path dir;

    private final AtomicInteger computed = new AtomicInteger();

    private Supplier<Samples> compute(float value) {
        return () -> {
            computed.incrementAndGet();
            return Samples.of(2, 3, new float[] {value, 1, 2, 3, 4, 5});
        };
    }

    @Test
    void anEntryIsReusedOnlyWhileItIsIntact() throws IOException {
        FeatureCache cache = FeatureCache.at(dir.resolve("cache"));
        assertThat(cache.get("k", 2, 3, compute(7)).value(0, 0)).isEqualTo(7);
        assertThat(cache.get("k", 2, 3, compute(8)).value(0, 0)).isEqualTo(7);
        assertThat(computed).hasValue(1);

        Path npy = dir.resolve("cache/k.npy");
        byte[] bytes = Files.readAllBytes(npy);
        bytes[bytes.length - 1] ^= 1;
        Files.write(npy, bytes);
        assertThat(cache.get("k", 2, 3, compute(9)).value(0, 0)).as("altered bytes").isEqualTo(9);
        assertThat(cache.get("k", 2, 3, compute(10)).value(0, 0)).as("repaired").isEqualTo(9);

        Files.write(npy, java.util.Arrays.copyOf(Files.readAllBytes(npy), 40));
        assertThat(cache.get("k", 2, 3, compute(11)).value(0, 0)).as("truncated").isEqualTo(11);

        Files.delete(dir.resolve("cache/k.sha256"));
        assertThat(cache.get("k", 2, 3, compute(12)).value(0, 0)).as("no checksum: half-written").isEqualTo(12);

        assertThat(cache.get("k", 3, 3, compute(13)).rows()).as("another shape than expected").isEqualTo(2);
        assertThat(computed).hasValue(5);
        try (var files = Files.list(dir.resolve("cache"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("k.npy", "k.sha256");
        }
    }

    /** {@link #compute}'s two rows in blocks of one. */
    private IntFunction<Samples> blocks(float value) {
        return from -> {
            if (from == 0) {
                computed.incrementAndGet();
            }
            return Samples.of(2, 3, new float[] {value, 1, 2, 3, 4, 5}).slice(from, from + 1);
        };
    }

    @Test
    void anEntryWrittenInBlocksHasTheBytesOfOneWrittenWhole() throws IOException {
        FeatureCache.at(dir.resolve("whole")).get("k", 2, 3, compute(7));
        FeatureCache.at(dir.resolve("blocks")).mapped("k", 2, 3, 1, blocks(7)).orElseThrow();
        for (String file : new String[] {"k.npy", "k.sha256"}) {
            assertThat(Files.readAllBytes(dir.resolve("blocks").resolve(file))).as(file)
                    .isEqualTo(Files.readAllBytes(dir.resolve("whole").resolve(file)));
        }
    }

    @Test
    void aMappedEntryHoldsTheValuesARead() throws IOException {
        FeatureCache cache = FeatureCache.at(dir.resolve("cache"));
        MappedNpyFile first = cache.mapped("k", 2, 3, 1, blocks(7)).orElseThrow();
        float[] values = new float[6];
        first.copyRows(0, 2, values);
        assertThat(values).containsExactly(7, 1, 2, 3, 4, 5);
        assertThat(cache.get("k", 2, 3, compute(8)).toFloatArray()).as("the same entry read").containsExactly(values);
        cache.mapped("k", 2, 3, 1, blocks(9)).orElseThrow().copyRows(0, 2, values);
        assertThat(values[0]).as("mapped again, not recomputed").isEqualTo(7);
        assertThat(computed).hasValue(1);

        Path npy = dir.resolve("cache/k.npy");
        byte[] bytes = Files.readAllBytes(npy);
        bytes[bytes.length - 1] ^= 1;
        Files.write(npy, bytes);
        cache.mapped("k", 2, 3, 1, blocks(10)).orElseThrow().copyRows(0, 2, values);
        assertThat(values[0]).as("altered bytes are recomputed before mapping").isEqualTo(10);
        Files.delete(dir.resolve("cache/k.sha256"));
        cache.mapped("k", 2, 3, 1, blocks(11)).orElseThrow().copyRows(0, 2, values);
        assertThat(values[0]).as("no checksum: half-written").isEqualTo(11);
        assertThat(computed).hasValue(3);
        assertThat(FeatureCache.none().mapped("k", 2, 3, 1, blocks(12))).as("no folder, nothing to map").isEmpty();
    }

    @Test
    void trainingFeaturesAreMappedAlwaysNeverOrWhenTheyExceedAQuarterOfTheHeap() {
        long heap = 1L << 30;
        assertThat(FeatureStage.mapsFeatures(FeatureStage.MemoryMap.ALWAYS, 2, 3, heap)).isTrue();
        assertThat(FeatureStage.mapsFeatures(FeatureStage.MemoryMap.NEVER, 1_000_000, 2048, heap)).isFalse();
        // 10^6 x 2,048 float32 values are 8.2 GB: mapped under a 1 GiB heap; 1,200 x 32 are 154 KB: in the heap
        assertThat(FeatureStage.mapsFeatures(FeatureStage.MemoryMap.AUTO, 1_000_000, 2048, heap)).isTrue();
        assertThat(FeatureStage.mapsFeatures(FeatureStage.MemoryMap.AUTO, 1200, 32, heap)).isFalse();
        assertThat(FeatureStage.mapsFeatures(FeatureStage.MemoryMap.AUTO, heap / 4 / 4 / 64, 64, heap))
                .as("exactly a quarter").isFalse();
        assertThat(FeatureStage.mapsFeatures(FeatureStage.MemoryMap.AUTO, heap / 4 / 4 / 64 + 1, 64, heap)).isTrue();
    }

    @Test
    void noneComputesEveryTime() {
        FeatureCache cache = FeatureCache.none();
        cache.get("k", 2, 3, compute(1));
        cache.get("k", 2, 3, compute(1));
        assertThat(computed).hasValue(2);
        assertThat(cache.folder()).isEmpty();
    }

    @Test
    void theKeyChangesWithThePreprocessingAndTheData() {
        Preprocessing bicubic = Preprocessing.of(Preprocessing.Layout.NCHW, 8, 8, 1, ResizeFilter.BICUBIC, 0, 1,
                new double[] {0.5}, new double[] {0.5});
        ImageSource train = ImageFolder.of(Golden.IMAGES.resolve("digits-train"));
        ImageSource holdout = ImageFolder.of(Golden.IMAGES.resolve("digits-holdout"));
        try (OnnxFeatures a = OnnxFeatures.open(Golden.MODEL, null, null, Golden.digits(), 64, 1);
                OnnxFeatures b = OnnxFeatures.open(Golden.MODEL, null, null, bicubic, 64, 1)) {
            assertThat(FeatureCache.key(a, train)).isEqualTo(FeatureCache.key(a, ImageFolder.of(
                    Golden.IMAGES.resolve("digits-train")))).matches("[0-9a-f]{64}")
                    .isNotEqualTo(FeatureCache.key(b, train)).isNotEqualTo(FeatureCache.key(a, holdout));
        }
    }
}
