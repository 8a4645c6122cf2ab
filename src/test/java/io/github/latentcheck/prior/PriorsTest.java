package io.github.latentcheck.prior;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.spec.Options;
import io.github.latentcheck.spec.SpecNode;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PriorsTest {
    /** @return the options of a one-item YAML list, whose keys stand on lines 2, 3, … of "spec.yaml" */
    private static Options yaml(String item) {
        SpecNode root = SpecNode.parse(new StringReader("priors:\n  - " + item.replace("\n", "\n    ")), "spec.yaml");
        return Options.of(root.entries().get("priors").items().get(0), "priors[0]", Path.of(""));
    }

    @Test
    void createsEachTypeWithItsParameters() {
        Prior gaussian = Priors.create(Options.of(Map.of("type", "gaussian"), "priors[0]"), 4);
        assertThat(gaussian).isInstanceOf(GaussianPrior.class);
        assertThat(gaussian.dimension()).isEqualTo(4);

        Prior uniform = Priors.create(Options.of(Map.of("type", "uniform", "low", 2, "high", 5.5, "dim", 6),
                "priors[1]"), 4);
        assertThat(uniform).isInstanceOf(UniformPrior.class);
        assertThat(uniform.dimension()).isEqualTo(6);
        assertThat(uniform.marginal(0).getSupportLowerBound()).isEqualTo(2);
        assertThat(uniform.marginal(0).getSupportUpperBound()).isEqualTo(5.5);

        Prior defaultUniform = Priors.create(Options.of(Map.of("type", "uniform"), "priors[2]"), 2);
        assertThat(defaultUniform.description()).isEqualTo("U(-1, 1)^2");

        Prior truncated = Priors.create(Options.of(Map.of("type", "truncated", "threshold", 1.5), "priors[3]"), 3);
        assertThat(truncated).isInstanceOf(TruncatedNormalPrior.class);
        assertThat(((TruncatedNormalPrior) truncated).threshold()).isEqualTo(1.5);
        assertThat(truncated.marginal(0).getSupportUpperBound()).isEqualTo(1.5);

        Prior sphere = Priors.create(Options.of(Map.of("type", "sphere", "dim", 16), "priors[4]"), 3);
        assertThat(sphere).isInstanceOf(SpherePrior.class);
        assertThat(sphere.dimension()).isEqualTo(16);
    }

    @Test
    void refusesANonPositiveThresholdNamingTheLineAndValue() {
        assertThatThrownBy(() -> Priors.create(yaml("type: truncated\nthreshold: 0"), 2))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("spec.yaml:2: priors[0]: truncation threshold is not strictly positive and finite: 0.0");
        assertThatThrownBy(() -> Priors.create(yaml("type: truncated\nthreshold: -1.5"), 2))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("threshold").hasMessageEndingWith("-1.5");
    }

    @Test
    void refusesAMissingThreshold() {
        assertThatThrownBy(() -> Priors.create(yaml("type: truncated"), 2)).isInstanceOf(InvalidInputException.class)
                .hasMessage("spec.yaml:2: priors[0] is missing the key 'threshold'");
    }

    @Test
    void refusesLowNotBelowHigh() {
        assertThatThrownBy(() -> Priors.create(yaml("type: uniform\nlow: 1\nhigh: 1"), 2))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("spec.yaml:2: priors[0]: uniform prior bounds are not finite with low < high: "
                        + "low=1.0, high=1.0");
        assertThatThrownBy(() -> Priors.create(yaml("type: uniform\nlow: 3\nhigh: -3"), 2))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("low=3.0, high=-3.0");
    }

    @Test
    void refusesDimensionZeroNamingTheKeyAndItsLine() {
        assertThatThrownBy(() -> Priors.create(yaml("type: gaussian\ndim: 0"), 2))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("spec.yaml:3: priors[0].dim is not a whole number in [1, 2147483647]: 0");
    }

    @Test
    void refusesAMissingDimension() {
        assertThatThrownBy(() -> Priors.create(yaml("type: gaussian"), 0)).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("spec.yaml:2: priors[0] has no latent dimension")
                .hasMessageContaining("'dim'").hasMessageContaining("'latent_dim'");
    }

    @Test
    void refusesASphereOfDimensionOne() {
        assertThatThrownBy(() -> Priors.create(yaml("type: sphere\ndim: 1"), 2))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("spec.yaml:2: priors[0]: sphere prior dimension is not at least 2: 1");
    }

    @Test
    void refusesAnUnknownTypeListingTheKnownOnes() {
        assertThatThrownBy(() -> Priors.create(yaml("type: cauchy"), 2)).isInstanceOf(InvalidInputException.class)
                .hasMessage("spec.yaml:2: unknown prior type 'cauchy' (known: gaussian, uniform, truncated, sphere, mixture, flow, file)");
    }

    @Test
    void refusesAThresholdThatIsNotANumber() {
        assertThatThrownBy(() -> Priors.create(yaml("type: truncated\nthreshold: big"), 2))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("spec.yaml:3: priors[0].threshold is not a number: 'big'");
    }
}
