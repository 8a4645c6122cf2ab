package io.github.latentcheck.generator;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.latentcheck.data.Latents;
import io.github.latentcheck.data.Precision;
import io.github.latentcheck.prior.GaussianPrior;
import io.github.latentcheck.spec.Options;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IdentityGeneratorTest {
    @Test
    void returnsTheLatentsAsFloats() {
        Generator g = Generators.create(Options.of(Map.of("type", "identity"), "generator"),
                GeneratorContext.of(GaussianPrior.of(2), null));
        assertThat(g).isInstanceOf(IdentityGenerator.class);
        assertThat(g.inputDimension()).isEqualTo(2);
        assertThat(g.outputDimension()).isEqualTo(2);
        Latents z = Latents.of(2, 2, new double[] {0.25, -1.5, 0.1, 3});
        assertThat(g.generate(z).toFloatArray()).containsExactly(0.25f, -1.5f, 0.1f, 3f);
        assertThat(g.generate(z).precision()).isEqualTo(Precision.FLOAT32);
    }
}
