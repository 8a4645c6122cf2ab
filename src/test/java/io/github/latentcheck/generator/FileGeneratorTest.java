package io.github.latentcheck.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.data.Latents;
import io.github.latentcheck.data.SampleFiles;
import io.github.latentcheck.data.Samples;
import io.github.latentcheck.prior.GaussianPrior;
import io.github.latentcheck.spec.Options;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileGeneratorTest {
    private static final Latents FOUR = Latents.of(4, 3, new double[12]);

    @Test
    void returnsTheFileRowsInOrderAcrossBatchesAndRefusesToRunOut(@TempDir Path dir) {
        float[] values = new float[20];
        for (int i = 0; i < values.length; i++) {
            values[i] = i * 0.5f;
        }
        Path file = dir.resolve("generated.npy");
        SampleFiles.write(file, Samples.of(10, 2, values));
        Generator g = Generators.create(Options.of(Map.of("type", "file", "path", file.toString()), "generator"),
                GeneratorContext.of(GaussianPrior.of(3), null));
        assertThat(g.inputDimension()).isEqualTo(3);
        assertThat(g.outputDimension()).isEqualTo(2);
        assertThat(g.generate(FOUR).toFloatArray()).containsExactly(Arrays.copyOfRange(values, 0, 8));
        assertThat(g.generate(FOUR).toFloatArray()).containsExactly(Arrays.copyOfRange(values, 8, 16));
        assertThatThrownBy(() -> g.generate(FOUR)).isInstanceOf(InvalidInputException.class)
                .hasMessage(file + ": has 10 rows, fewer than the samples the run asks for");
        assertThat(g.generate(Latents.of(2, 3, new double[6])).toFloatArray())
                .containsExactly(Arrays.copyOfRange(values, 16, 20));
    }

    @Test
    void selectsNamedCsvColumns(@TempDir Path dir) {
        Path file = dir.resolve("generated.csv");
        SampleFiles.write(file, Samples.of(2, 3, new float[] {1, 2, 3, 4, 5, 6}).withColumnNames(
                List.of("a", "b", "c")));
        Generator g = Generators.create(Options.of(Map.of("type", "file", "path", file.toString(),
                "columns", List.of("c", "a")), "generator"), GeneratorContext.of(GaussianPrior.of(1), null));
        Samples x = g.generate(Latents.of(2, 1, new double[2]));
        assertThat(x.toFloatArray()).containsExactly(3, 1, 6, 4);
        assertThat(x.columnNames()).containsExactly("c", "a");
    }
}
