package io.github.latentcheck.power;

import io.github.latentcheck.power.NormalShiftPower.Replicates;
import io.github.latentcheck.power.SimulatedShiftPower.Simulation;
import io.github.latentcheck.power.SimulatedShiftPower.SimulationKey;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The simulations of {@link NormalShiftPower} at the sizes and levels most runs ask for, computed once and
 * shipped in the jar ({@value #RESOURCE}), so that a check's {@code detectableEffect} at such a size and level
 * costs a look-up instead of a simulation of \(R\) sorted samples (about 0.1 s each in a cold JVM). A shipped
 * simulation holds each replicate's thresholds exactly as {@link NormalShiftPower} computes them, in the same
 * order, so every power, detectable effect and required size drawn from it is bit for bit the one a fresh
 * simulation gives; keys that are not shipped are simulated as before.
 *
 * <p>The file is written by {@code ShippedSimulationsGenerator} (test sources, command in the file's header)
 * and {@code ShippedSimulationsTest} recomputes a sample of its entries.
 */
final class ShippedSimulations {
    /** The class-path resource the simulations are read from. */
    static final String RESOURCE = "shipped-simulations.bin.gz";
    /** The format's first field, so a file of another layout is refused rather than misread. */
    static final String FORMAT = "latentcheck shipped simulations v1";

    private ShippedSimulations() {
    }

    /** Read on first use only: a run without a normal-shift power model never opens the file. */
    private static final class Holder {
        static final Map<SimulationKey, Replicates> SHIPPED = load();
    }

    /**
     * @param key a simulation's identity
     * @return the shipped simulation with that identity, if there is one
     */
    static Optional<Simulation> find(SimulationKey key) {
        return Optional.ofNullable(Holder.SHIPPED.get(key));
    }

    /** @return every shipped simulation, by key */
    static Map<SimulationKey, Replicates> all() {
        return Map.copyOf(Holder.SHIPPED);
    }

    private static Map<SimulationKey, Replicates> load() {
        try (InputStream raw = ShippedSimulations.class.getResourceAsStream(RESOURCE)) {
            if (raw == null) {
                throw new IllegalStateException("the jar lacks its resource " + RESOURCE);
            }
            return read(raw);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the resource " + RESOURCE, e);
        }
    }

    /**
     * @param raw the gzip-compressed file
     * @return its simulations, by key
     * @throws IOException if it cannot be read or is not in {@link #FORMAT}
     */
    static Map<SimulationKey, Replicates> read(InputStream raw) throws IOException {
        DataInputStream in = new DataInputStream(new BufferedInputStream(new GZIPInputStream(raw)));
        String format = in.readUTF();
        if (!FORMAT.equals(format)) {
            throw new IOException("not in the format '" + FORMAT + "': " + format);
        }
        in.readUTF();
        int count = in.readInt();
        Map<SimulationKey, Replicates> shipped = new HashMap<>(2 * count);
        for (int k = 0; k < count; k++) {
            SimulationKey key = new SimulationKey(in.readUTF(), in.readInt(), in.readDouble(), in.readInt(),
                    in.readLong());
            double[] above = new double[key.replicates()];
            double[] below = new double[key.replicates()];
            for (int r = 0; r < above.length; r++) {
                above[r] = in.readDouble();
                below[r] = in.readDouble();
            }
            shipped.put(key, new Replicates(above, below));
        }
        return shipped;
    }

    /**
     * @param simulations the simulations to ship, by key
     * @param header how they were made (the command line), kept in the file
     * @param out receives the gzip-compressed file
     * @throws IOException if it cannot be written
     */
    static void write(Map<SimulationKey, Replicates> simulations, String header, OutputStream out)
            throws IOException {
        GZIPOutputStream zipped = new GZIPOutputStream(out);
        DataOutputStream data = new DataOutputStream(zipped);
        data.writeUTF(FORMAT);
        data.writeUTF(header);
        data.writeInt(simulations.size());
        for (Map.Entry<SimulationKey, Replicates> e : simulations.entrySet()) {
            SimulationKey key = e.getKey();
            data.writeUTF(key.statistic());
            data.writeInt(key.n());
            data.writeDouble(key.alpha());
            data.writeInt(key.replicates());
            data.writeLong(key.seed());
            double[] above = e.getValue().above();
            double[] below = e.getValue().below();
            for (int r = 0; r < above.length; r++) {
                data.writeDouble(above[r]);
                data.writeDouble(below[r]);
            }
        }
        data.flush();
        zipped.finish();
    }
}
