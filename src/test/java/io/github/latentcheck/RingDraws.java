package io.github.latentcheck;

import io.github.latentcheck.data.Samples;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/** Seeded draws from a ring-of-8 Gaussian mixture (centres 2(cos 2πk/8, sin 2πk/8)), for null studies. */
public final class RingDraws {
    private RingDraws() {
    }

    /**
     * @param rng the random stream
     * @param rows the number of draws
     * @param sd the standard deviation of each mode, per axis
     * @return the draws, 2 columns
     */
    public static Samples ring(UniformRandomProvider rng, int rows, double sd) {
        ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        float[] values = new float[rows * 2];
        for (int r = 0; r < rows; r++) {
            double angle = 2 * Math.PI * rng.nextInt(8) / 8;
            values[2 * r] = (float) (2 * Math.cos(angle) + sd * gauss.sample());
            values[2 * r + 1] = (float) (2 * Math.sin(angle) + sd * gauss.sample());
        }
        return Samples.ofOwned(rows, 2, values);
    }
}
