package io.github.latentcheck.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.data.Latents;
import io.github.latentcheck.data.SampleFiles;
import io.github.latentcheck.prior.GaussianPrior;
import io.github.latentcheck.spec.Options;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AffineGeneratorTest {
    private static final double[][] A = {{1, 2, 0}, {0, -1, 3}};
    private static final double[] B = {0.5, -2};
    /** Two latents and, by hand, A z + b for each: every value is exact in float. */
    private static final Latents Z = Latents.of(2, 3, new double[] {1, 2, 3, -1, 0.5, 2});
    private static final float[] EXPECTED = {5.5f, 5f, 0.5f, 3.5f};

    @Test
    void mapsZToAzPlusB() {
        AffineGenerator g = AffineGenerator.of(A, B);
        assertThat(g.inputDimension()).isEqualTo(3);
        assertThat(g.outputDimension()).isEqualTo(2);
        assertThat(g.generate(Z).toFloatArray()).containsExactly(EXPECTED);
    }

    @Test
    void readsMatrixAndBiasInline() {
        Map<String, Object> options = Map.of("type", "affine", "matrix", List.of(List.of(1, 2, 0), List.of(0, -1, 3)),
                "bias", List.of(0.5, -2));
        Generator g = Generators.create(Options.of(options, "generator"),
                GeneratorContext.of(GaussianPrior.of(3), null));
        assertThat(g.generate(Z).toFloatArray()).containsExactly(EXPECTED);
    }

    @Test
    void biasDefaultsToZero() {
        Map<String, Object> options = Map.of("type", "affine", "matrix", List.of(List.of(1, 2, 0), List.of(0, -1, 3)));
        Generator g = Generators.create(Options.of(options, "generator"),
                GeneratorContext.of(GaussianPrior.of(3), null));
        assertThat(g.generate(Z).toFloatArray()).containsExactly(5f, 7f, 0f, 5.5f);
    }

    @Test
    void readsMatrixAndBiasFromNpyFiles(@TempDir Path dir) {
        Path matrix = dir.resolve("a.npy");
        Path bias = dir.resolve("b.npy");
        SampleFiles.write(matrix, Latents.of(2, 3, new double[] {1, 2, 0, 0, -1, 3}));
        SampleFiles.write(bias, Latents.of(2, 1, B));
        Map<String, Object> options = Map.of("type", "affine", "matrix_file", matrix.toString(),
                "bias_file", bias.toString());
        Generator g = Generators.create(Options.of(options, "generator"),
                GeneratorContext.of(GaussianPrior.of(3), null));
        assertThat(g.generate(Z).toFloatArray()).containsExactly(EXPECTED);
    }

    @Test
    void refusesABiasOfTheWrongLength() {
        assertThatThrownBy(() -> AffineGenerator.of(A, new double[] {1, 2, 3}))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("affine bias has 3 values but the matrix has 2 rows");
    }

    @Test
    void refusesRaggedOrEmptyMatrices() {
        assertThatThrownBy(() -> AffineGenerator.of(new double[][] {{1, 2}, {3}}, new double[2]))
                .isInstanceOf(InvalidInputException.class).hasMessage("affine matrix row 1 has 1 values, not 2");
        assertThatThrownBy(() -> AffineGenerator.of(new double[0][], new double[0]))
                .isInstanceOf(InvalidInputException.class).hasMessage("affine matrix is empty");
    }
}
