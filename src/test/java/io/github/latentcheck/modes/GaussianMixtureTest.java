package io.github.latentcheck.modes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.latentcheck.InvalidInputException;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class GaussianMixtureTest {
    private static JsonNode modes(String file) throws IOException {
        return new ObjectMapper().readTree(Path.of("fixtures", "data", file).toFile());
    }

    @Test
    void ringCentresAreAtAnglesTwoPiKOverEightOnRadiusTwo() {
        GaussianMixture ring = GaussianMixture.ring(8, 2, 0.02);
        assertThat(ring.modes()).isEqualTo(8);
        assertThat(ring.dimension()).isEqualTo(2);
        assertThat(ring.name()).isEqualTo("ring8");
        for (int k = 0; k < 8; k++) {
            double[] c = ring.centre(k);
            // cos and sin are within an ulp, so radius and angle are within a few ulp of 2 and 2πk/8.
            assertThat(Math.hypot(c[0], c[1])).as("radius of centre %d", k).isCloseTo(2, within(1e-15));
            double angle = Math.atan2(c[1], c[0]);
            double expected = 2 * Math.PI * k / 8;
            assertThat(angle < 0 ? angle + 2 * Math.PI : angle).as("angle of centre %d", k)
                    .isCloseTo(expected, within(1e-14));
            assertThat(ring.weight(k)).isEqualTo(0.125);
            for (int m = 0; m < k; m++) {
                // neighbours on the ring are 2·2·sin(π/8) = 1.53 apart; an endpoint-inclusive
                // linspace would put centre 7 on centre 0.
                assertThat(Math.hypot(c[0] - ring.centre(m, 0), c[1] - ring.centre(m, 1)))
                        .as("distance of centres %d and %d", k, m).isGreaterThan(1.5);
            }
        }
        assertThat(ring.centre(0)).containsExactly(2, 0);
        assertThat(ring.centre(2, 1)).isEqualTo(2);
    }

    @Test
    void ringMatchesTheFixture() throws IOException {
        JsonNode json = modes("ring8_modes.json");
        GaussianMixture ring = GaussianMixture.ring(8, 2, json.get("sd").asDouble());
        assertThat(json.get("centres")).hasSize(8);
        for (int k = 0; k < 8; k++) {
            for (int a = 0; a < 2; a++) {
                // numpy's cos/sin and Java's may differ by an ulp; 1e-12 is far below any mode's sd.
                assertThat(ring.centre(k, a)).as("centre %d axis %d", k, a)
                        .isCloseTo(json.get("centres").get(k).get(a).asDouble(), within(1e-12));
            }
            assertThat(ring.weight(k)).isEqualTo(json.get("weights").get(k).asDouble());
        }
        assertThat(ring.sd()).isEqualTo(0.02);
    }

    @Test
    void gridCentreFiveIPlusJIsViVj() throws IOException {
        GaussianMixture grid = GaussianMixture.grid(5, 2, 0.05);
        double[] v = {-4, -2, 0, 2, 4};
        assertThat(grid.modes()).isEqualTo(25);
        assertThat(grid.name()).isEqualTo("grid25");
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 5; j++) {
                assertThat(grid.centre(5 * i + j)).as("centre %d", 5 * i + j).containsExactly(v[i], v[j]);
            }
        }
        assertThat(grid.centre(1)).containsExactly(-4, -2);
        JsonNode json = modes("grid25_modes.json");
        assertThat(json.get("centres")).hasSize(25);
        for (int k = 0; k < 25; k++) {
            assertThat(grid.centre(k)).as("centre %d", k).containsExactly(
                    json.get("centres").get(k).get(0).asDouble(), json.get("centres").get(k).get(1).asDouble());
            assertThat(grid.weight(k)).isCloseTo(json.get("weights").get(k).asDouble(), within(1e-17));
        }
        assertThat(grid.sd()).isEqualTo(json.get("sd").asDouble());
    }

    @Test
    void refusesBadDefinitions() {
        assertThatThrownBy(() -> GaussianMixture.ring(0, 2, 0.02)).isInstanceOf(InvalidInputException.class)
                .hasMessage("ring: modes is not at least 1: 0");
        assertThatThrownBy(() -> GaussianMixture.grid(0, 2, 0.02)).isInstanceOf(InvalidInputException.class)
                .hasMessage("grid: size is not at least 1: 0");
        assertThatThrownBy(() -> GaussianMixture.ring(8, 2, 0)).isInstanceOf(InvalidInputException.class)
                .hasMessage("ring8: sd is not strictly positive and finite: 0.0");
        assertThatThrownBy(() -> GaussianMixture.of("m", new double[][] {{0}, {1}}, 1, new double[] {0.5, 0.6}))
                .isInstanceOf(InvalidInputException.class).hasMessage("m: weights do not sum to 1: 1.1");
        assertThatThrownBy(() -> GaussianMixture.of("m", new double[][] {{0}, {1, 2}}, 1, new double[] {0.5, 0.5}))
                .isInstanceOf(InvalidInputException.class).hasMessage("m: centre 1 has dimension 2, not 1");
    }
}
