package io.github.latentcheck.modes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.latentcheck.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModesFileTest {
    @TempDir
    Path tmp;

    @Test
    void fixtureFilesMatchTheBuiltInMixtures() {
        GaussianMixture file = ModesFile.read(Path.of("fixtures/data/ring8_modes.json"));
        GaussianMixture builtIn = ModesFile.resolve("ring8", Path.of(""));
        assertThat(file.modes()).isEqualTo(8);
        for (int k = 0; k < 8; k++) {
            assertThat(file.centre(k)).containsExactly(builtIn.centre(k), within(1e-15));
            assertThat(file.weight(k)).isEqualTo(0.125);
        }
        assertThat(file.sd()).isEqualTo(0.02);
        GaussianMixture grid = ModesFile.read(Path.of("fixtures/data/grid25_modes.json"));
        assertThat(grid.centre(1)).containsExactly(-4, -2);
        assertThat(ModesFile.resolve("grid25", Path.of("")).centre(1)).containsExactly(-4, -2);
    }

    @Test
    void perModeStandardDeviationsAndCovariancesGiveMahalanobisDistances() throws IOException {
        Path sds = write("{\"centres\": [[0, 0], [10, 0]], \"sd\": [1, 2]}");
        GaussianMixture iso = ModesFile.read(sds);
        assertThat(iso.mahalanobis(1, new double[] {10, 4}, 0)).isEqualTo(2.0);
        assertThat(iso.weight(0)).isEqualTo(0.5);

        Path cov = write("{\"centres\": [[0, 0]], \"covariances\": [[[4, 2], [2, 2]]], \"weights\": [1]}");
        GaussianMixture full = ModesFile.read(cov);
        // (x Σ⁻¹ x) for x = (2, 1), Σ⁻¹ = [[0.5, -0.5], [-0.5, 1]]: 2 - 2 + 1 = 1
        assertThat(full.mahalanobis(0, new double[] {2, 1}, 0)).isCloseTo(1.0, within(1e-15));
        assertThat(full.covariance(0)[1]).containsExactly(2, 2);
        assertThat(full.isIsotropic(0)).isFalse();
        assertThatThrownBy(full::sd).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void badFilesAreRefusedWithTheFileAndTheRule() throws IOException {
        assertBad("{\"centres\": [[0, 0], [1, 1]], \"sd\": -0.1}", "sd is not strictly positive and finite: -0.1");
        assertBad("{\"centres\": [[0, 0], [1, 1]], \"sd\": 0.1, \"weights\": [0.5, 0.6]}",
                "weights do not sum to 1: 1.1");
        assertBad("{\"centres\": [[0, 0], [1]], \"sd\": 0.1}", "'centres[1]' has 1 numbers but the first row has 2");
        assertBad("{\"centres\": [[0, 0]], \"sd\": 0.1, \"dim\": 3}", "'dim' is 3 but the centres give 2");
        assertBad("{\"centres\": [[0, 0]]}", "exactly one of 'sd' and 'covariances'");
        assertBad("{\"centres\": [[0, 0]], \"covariances\": [[[1, 2], [2, 1]]]}", "is not positive-definite");
        assertBad("{\"centres\": [[0, 0]], \"sd\": 0.1", "not valid JSON");
        assertThatThrownBy(() -> ModesFile.read(tmp.resolve("missing.json")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("no such modes file");
    }

    private void assertBad(String json, String message) throws IOException {
        Path file = write(json);
        assertThatThrownBy(() -> ModesFile.read(file)).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(file.toString()).hasMessageContaining(message);
    }

    private Path write(String json) throws IOException {
        Path file = Files.createTempFile(tmp, "modes", ".json");
        Files.writeString(file, json);
        return file;
    }
}
