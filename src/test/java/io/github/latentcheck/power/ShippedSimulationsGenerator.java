package io.github.latentcheck.power;

import io.github.latentcheck.power.NormalShiftPower.Replicates;
import io.github.latentcheck.power.SimulatedShiftPower.SimulationKey;
import io.github.latentcheck.stats.MultipleTesting;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes {@link ShippedSimulations#RESOURCE}: the default Kolmogorov–Smirnov power model's simulation at its
 * capped size {@value KolmogorovSmirnovPower#SIMULATED_N_LIMIT} (every run of at least that many values uses it)
 * for the per-test levels of a Holm or Bonferroni family of {@link #FAMILY_SIZES} tests at each of the
 * {@link #LEVELS}. Run after a change to the simulation or its defaults:
 * <pre>
 * mvn -B -o -q test-compile &amp;&amp; java -cp target/classes:target/test-classes:$(cat target/classpath.txt) \
 *     io.github.latentcheck.power.ShippedSimulationsGenerator \
 *     src/main/resources/io/github/latentcheck/power/shipped-simulations.bin.gz
 * </pre>
 * ({@code target/classpath.txt} from {@code mvn -B -o -q dependency:build-classpath -Dmdep.outputFile=target/classpath.txt}).
 */
public final class ShippedSimulationsGenerator {
    /** The family levels the experiments and the docs use. */
    static final double[] LEVELS = {0.05, 0.01, 0.001};
    /** The family sizes shipped: one test per latent coordinate or data column. */
    static final int[] FAMILY_SIZES = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 32, 64};

    private ShippedSimulationsGenerator() {
    }

    /** @return the keys shipped, in the file's order, each once (0.05 over 5 tests is 0.01 over one) */
    static List<SimulationKey> keys() {
        KolmogorovSmirnovPower model = KolmogorovSmirnovPower.withDefaults();
        List<SimulationKey> keys = new ArrayList<>();
        for (double level : LEVELS) {
            for (int m : FAMILY_SIZES) {
                double alpha = PowerDemand.perTestAlpha(MultipleTesting.Correction.HOLM, level, m);
                SimulationKey key = new SimulationKey(model.statistic(), model.simulatedLimit(), alpha,
                        model.replicates(), model.seed());
                if (!keys.contains(key)) {
                    keys.add(key);
                }
            }
        }
        return keys;
    }

    /**
     * @param key a shipped key
     * @return its simulation, run afresh
     */
    static Replicates simulate(SimulationKey key) {
        KolmogorovSmirnovPower model = KolmogorovSmirnovPower.withDefaults().withReplicates(key.replicates())
                .withSeed(key.seed());
        return (Replicates) model.simulateAfresh(key.n(), key.alpha());
    }

    /**
     * @param args the output file
     * @throws IOException if it cannot be written
     */
    public static void main(String[] args) throws IOException {
        Map<SimulationKey, Replicates> simulations = new LinkedHashMap<>();
        for (SimulationKey key : keys()) {
            simulations.put(key, simulate(key));
        }
        String header = "java io.github.latentcheck.power.ShippedSimulationsGenerator " + String.join(" ", args);
        try (OutputStream out = Files.newOutputStream(Path.of(args[0]))) {
            ShippedSimulations.write(simulations, header, out);
        }
    }
}
