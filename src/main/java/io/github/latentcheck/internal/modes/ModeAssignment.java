package io.github.latentcheck.internal.modes;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.data.Samples;
import io.github.latentcheck.internal.concurrent.Tasks;
import io.github.latentcheck.modes.GaussianMixture;

/**
 * Every sample's nearest mode by Mahalanobis distance, {@code k*(x) = argmin_k d_k(x)} (ties go to
 * the lowest mode index), and whether it is <i>high quality</i>: {@code d_{k*}(x) ≤ h} for the
 * threshold h ("within h standard deviations"; for an isotropic mode, within the ball of radius
 * h σ_k around the centre). Under the mode's own Gaussian, {@code d_k(x)²} follows χ²_D, so a
 * sample of the mixture is high quality with probability about {@code P(χ²_D ≤ h²)} when the modes
 * are well separated (0.9889 for D = 2, h = 3).
 */
public final class ModeAssignment {
    private static final int BLOCK = 1024;

    private final GaussianMixture mixture;
    private final double threshold;
    private final int[] modes;
    private final double[] distances;

    private ModeAssignment(GaussianMixture mixture, double threshold, int[] modes, double[] distances) {
        this.mixture = mixture;
        this.threshold = threshold;
        this.modes = modes;
        this.distances = distances;
    }

    /**
     * @param mixture the known modes
     * @param samples the samples, with the mixture's dimension
     * @param threshold h, the largest Mahalanobis distance of a high-quality sample; positive
     * @param threads threads to use (the result does not depend on them)
     * @return the assignment
     * @throws InvalidInputException if the dimensions differ or the threshold is not positive
     */
    public static ModeAssignment of(GaussianMixture mixture, Samples samples, double threshold, int threads) {
        if (samples.columns() != mixture.dimension()) {
            throw new InvalidInputException("the samples have " + samples.columns() + " columns but the modes "
                    + mixture.name() + " have dimension " + mixture.dimension());
        }
        if (!(threshold > 0 && threshold < Double.POSITIVE_INFINITY)) {
            throw new InvalidInputException("hq_sigmas is not strictly positive and finite: " + threshold);
        }
        int n = samples.rows();
        int d = samples.columns();
        double[] x = samples.toArray();
        int[] modes = new int[n];
        double[] distances = new double[n];
        Tasks.run((n + BLOCK - 1) / BLOCK, threads, b -> {
            for (int i = b * BLOCK, end = Math.min(n, i + BLOCK); i < end; i++) {
                int best = 0;
                double bestDistance = Double.POSITIVE_INFINITY;
                for (int k = 0; k < mixture.modes(); k++) {
                    double dk = mixture.mahalanobis(k, x, i * d);
                    if (dk < bestDistance) {
                        bestDistance = dk;
                        best = k;
                    }
                }
                modes[i] = best;
                distances[i] = bestDistance;
            }
        });
        return new ModeAssignment(mixture, threshold, modes, distances);
    }

    /** @return the mixture */
    public GaussianMixture mixture() {
        return mixture;
    }

    /** @return the number of samples */
    public int size() {
        return modes.length;
    }

    /**
     * @param sample the sample index
     * @return its nearest mode
     */
    public int mode(int sample) {
        return modes[sample];
    }

    /**
     * @param sample the sample index
     * @return its Mahalanobis distance to its nearest mode
     */
    public double distance(int sample) {
        return distances[sample];
    }

    /**
     * @param sample the sample index
     * @return whether it lies within the threshold of its nearest mode
     */
    public boolean isHighQuality(int sample) {
        return distances[sample] <= threshold;
    }

    /** @return per mode, the number of high-quality samples assigned to it */
    public long[] highQualityCounts() {
        long[] counts = new long[mixture.modes()];
        for (int i = 0; i < modes.length; i++) {
            if (isHighQuality(i)) {
                counts[modes[i]]++;
            }
        }
        return counts;
    }
}
