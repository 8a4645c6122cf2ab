package io.github.latentcheck.power;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.latentcheck.power.NormalShiftPower.Replicates;
import io.github.latentcheck.power.SimulatedShiftPower.SimulationKey;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * The simulations shipped in the jar: the file holds exactly the generator's keys, a sample of them recomputed
 * here equals the shipped thresholds bit for bit (tolerance 0: the same seeded computation, so any difference
 * means the simulation changed and the file must be regenerated), and a size that is not shipped is simulated.
 */
class ShippedSimulationsTest {
    @Test
    void holdsEveryKeyTheGeneratorShips() {
        assertThat(ShippedSimulations.all().keySet()).containsExactlyInAnyOrderElementsOf(
                ShippedSimulationsGenerator.keys());
    }

    @Test
    void aSampleRecomputedIsBitForBitTheShippedOne() {
        List<SimulationKey> keys = ShippedSimulationsGenerator.keys();
        // The first and last keys and the quickstart's latent family (0.01 over 3 coordinates).
        SimulationKey quickstart = keys.stream().filter(k -> k.alpha() == 0.01 / 3).findFirst().orElseThrow();
        for (SimulationKey key : List.of(keys.get(0), quickstart, keys.get(keys.size() - 1))) {
            Replicates shipped = ShippedSimulations.all().get(key);
            Replicates fresh = ShippedSimulationsGenerator.simulate(key);
            assertThat(shipped.above()).as("above at %s", key).containsExactly(fresh.above());
            assertThat(shipped.below()).as("below at %s", key).containsExactly(fresh.below());
        }
    }

    @Test
    void aSizeNotShippedFindsNothing() {
        SimulationKey shipped = ShippedSimulationsGenerator.keys().get(0);
        SimulationKey other = new SimulationKey(shipped.statistic(), shipped.n() - 1, shipped.alpha(),
                shipped.replicates(), shipped.seed());
        assertThat(ShippedSimulations.find(shipped)).isPresent();
        assertThat(ShippedSimulations.find(other)).isEmpty();
    }

    @Test
    void writtenAndReadBackTheSame() throws IOException {
        SimulationKey key = new SimulationKey("ks", 7, 0.05, 2, 1L);
        Replicates r = new Replicates(new double[] {0.5, Double.POSITIVE_INFINITY}, new double[] {-0.25, -1e-300});
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ShippedSimulations.write(Map.of(key, r), "test", bytes);
        Map<SimulationKey, Replicates> back = ShippedSimulations.read(new ByteArrayInputStream(bytes.toByteArray()));
        assertThat(back).containsOnlyKeys(key);
        assertThat(back.get(key).above()).containsExactly(r.above());
        assertThat(back.get(key).below()).containsExactly(r.below());
    }

    @Test
    void aFileOfAnotherFormatIsRefused() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(bytes))) {
            out.writeUTF("something else");
        }
        assertThatThrownBy(() -> ShippedSimulations.read(new ByteArrayInputStream(bytes.toByteArray())))
                .isInstanceOf(IOException.class).hasMessageContaining("something else");
    }
}
