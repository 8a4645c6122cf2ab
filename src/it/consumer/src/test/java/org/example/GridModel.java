package org.example;

import io.github.latentcheck.data.Latents;
import io.github.latentcheck.data.Samples;
import io.github.latentcheck.generator.Generator;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * The model under test: 25 modes at {−4, −2, 0, 2, 4}², one picked by the angle of (z0, z1), which is
 * uniform under a Gaussian prior, and spread by sd · (z2, z3). A dropped mode is never emitted.
 */
final class GridModel implements Generator {
    static final int MODES = 25;
    private final int[] kept;
    private final double sd;

    GridModel(int[] dropped, double sd) {
        this.kept = IntStream.range(0, MODES)
                .filter(k -> Arrays.stream(dropped).noneMatch(d -> d == k)).toArray();
        this.sd = sd;
    }

    @Override
    public int inputDimension() {
        return 4;
    }

    @Override
    public int outputDimension() {
        return 2;
    }

    @Override
    public Samples generate(Latents z) {
        float[] x = new float[2 * z.rows()];
        for (int r = 0; r < z.rows(); r++) {
            double turn = (Math.atan2(z.value(r, 1), z.value(r, 0)) + Math.PI) / (2 * Math.PI);
            int mode = kept[(int) Math.min(kept.length - 1, Math.floor(turn * kept.length))];
            x[2 * r] = (float) (2 * (mode / 5 - 2) + sd * z.value(r, 2));
            x[2 * r + 1] = (float) (2 * (mode % 5 - 2) + sd * z.value(r, 3));
        }
        return Samples.of(z.rows(), 2, x);
    }
}
