package io.github.latentcheck.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.prior.GaussianPrior;
import io.github.latentcheck.spec.Options;
import io.github.latentcheck.spec.SpecNode;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GeneratorsTest {
    private static final GeneratorContext GAUSSIAN_3 = GeneratorContext.of(GaussianPrior.of(3), null);

    @Test
    void serviceLoaderFindsTheTenBuiltIns() {
        assertThat(Generators.providers().keySet())
                .containsExactly("affine", "copier", "file", "grid", "identity", "images", "mode-dropper", "onnx", "process",
                        "ring");
    }

    @Test
    void refusesAnUnknownType() {
        assertThatThrownBy(() -> Generators.create(Options.of(Map.of("type", "gan"), "generator"), GAUSSIAN_3))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("generator: unknown generator type 'gan' "
                        + "(known: affine, copier, file, grid, identity, images, mode-dropper, onnx, process, ring)");
    }

    @Test
    void refusesADimensionMismatchNamingBothDimensions() {
        Map<String, Object> options = Map.of("type", "affine", "matrix", List.of(List.of(1, 0), List.of(0, 1)));
        assertThatThrownBy(() -> Generators.create(Options.of(options, "generator"), GAUSSIAN_3))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("generator: generator 'affine' takes latents of dimension 2 but the prior N(0, I_3) "
                        + "has dimension 3");
    }

    @Test
    void refusesAnUnknownKey() {
        assertThatThrownBy(() -> Generators.create(Options.of(Map.of("type", "ring", "radious", 3), "generator"),
                GAUSSIAN_3)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("unknown key 'radious' in generator");
    }

    @Test
    void namesOnlyTheLineOfABadOption() {
        SpecNode root = SpecNode.parse(new StringReader("generator:\n  type: ring\n  radius: big\n"), "spec.yaml");
        Options options = Options.of(root.entries().get("generator"), "generator", Path.of(""));
        assertThatThrownBy(() -> Generators.create(options, GAUSSIAN_3)).isInstanceOf(InvalidInputException.class)
                .hasMessage("spec.yaml:3: generator.radius is not a number: 'big'");
    }

    @Test
    void aProvidersOwnIllegalArgumentIsBadInputAtTheSection() {
        SpecNode root = SpecNode.parse(new StringReader("generator:\n  type: scale\n  factor: -1\n"), "spec.yaml");
        Options options = Options.of(root.entries().get("generator"), "generator", Path.of(""));
        GeneratorProvider scale = GeneratorProvider.of("scale", (o, context) -> {
            throw new IllegalArgumentException("factor is not strictly positive: " + o.number("factor", 1));
        });

        assertThatThrownBy(() -> Generators.create(options, GAUSSIAN_3, List.of(scale)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("spec.yaml:2: generator 'scale': factor is not strictly positive: -1.0");
    }

    @Test
    void aProviderGivenInJavaWinsOverTheClassPathsOfItsType() {
        Generator identity = Generators.create(Options.of(Map.of("type", "ring"), "generator"), GAUSSIAN_3,
                List.of(GeneratorProvider.of("ring", (o, context) -> IdentityGenerator.of(3))));

        assertThat(identity.outputDimension()).isEqualTo(3);
    }

    @Test
    void locatesAProviderErrorAtTheSection() {
        SpecNode root = SpecNode.parse(new StringReader("generator:\n  type: mode-dropper\n  drop: [9]\n"), "spec.yaml");
        Options options = Options.of(root.entries().get("generator"), "generator", Path.of(""));
        assertThatThrownBy(() -> Generators.create(options, GAUSSIAN_3)).isInstanceOf(InvalidInputException.class)
                .hasMessage("spec.yaml:2: generator 'mode-dropper': dropped mode is not in [0, 8): 9");
    }
}
