package io.github.latentcheck.modes;

import io.github.latentcheck.InvalidInputException;
import java.util.Arrays;

/**
 * An isotropic Gaussian mixture with known modes: K centres in R^D, one standard deviation shared
 * by every axis of every mode, and mixture weights. The ring-of-8 and grid-of-25 benchmarks of the
 * GAN literature (Metz et al. 2017, arXiv:1611.02163; Srivastava et al. 2017, arXiv:1705.07761)
 * are built in.
 */
public final class GaussianMixture {
    private final String name;
    private final double[][] centres;
    private final double sd;
    private final double[] weights;

    private GaussianMixture(String name, double[][] centres, double sd, double[] weights) {
        this.name = name;
        this.centres = centres;
        this.sd = sd;
        this.weights = weights;
    }

    /**
     * @param name a label, e.g. {@code "ring8"}
     * @param centres K centres of one dimension D each
     * @param sd the standard deviation per axis, strictly positive
     * @param weights K non-negative weights summing to 1 (within 1e-9)
     * @return the mixture
     */
    public static GaussianMixture of(String name, double[][] centres, double sd, double[] weights) {
        if (centres.length == 0) {
            throw new InvalidInputException(name + ": mixture has no centres");
        }
        int dim = centres[0].length;
        double[][] copy = new double[centres.length][];
        for (int k = 0; k < centres.length; k++) {
            if (centres[k].length != dim || dim == 0) {
                throw new InvalidInputException(name + ": centre " + k + " has dimension " + centres[k].length
                        + ", not " + dim);
            }
            copy[k] = centres[k].clone();
        }
        if (!(sd > 0 && sd < Double.POSITIVE_INFINITY)) {
            throw new InvalidInputException(name + ": sd is not strictly positive and finite: " + sd);
        }
        if (weights.length != centres.length) {
            throw new InvalidInputException(name + ": " + weights.length + " weights for " + centres.length + " centres");
        }
        double total = 0;
        for (double w : weights) {
            if (!(w >= 0)) {
                throw new InvalidInputException(name + ": weight is not non-negative: " + w);
            }
            total += w;
        }
        if (!(Math.abs(total - 1) <= 1e-9)) {
            throw new InvalidInputException(name + ": weights do not sum to 1: " + total);
        }
        return new GaussianMixture(name, copy, sd, weights.clone());
    }

    /**
     * The ring benchmark: {@code modes} centres at angles 2πk/modes, k = 0..modes−1, on a circle of
     * the given radius (not an endpoint-inclusive linspace, which repeats the first centre).
     *
     * @param modes the number of modes, at least 1
     * @param radius the circle's radius
     * @param sd the standard deviation per axis
     * @return the ring mixture with equal weights
     */
    public static GaussianMixture ring(int modes, double radius, double sd) {
        if (modes < 1) {
            throw new InvalidInputException("ring: modes is not at least 1: " + modes);
        }
        double[][] centres = new double[modes][];
        for (int k = 0; k < modes; k++) {
            double angle = 2 * Math.PI * k / modes;
            centres[k] = new double[] {radius * Math.cos(angle), radius * Math.sin(angle)};
        }
        return of("ring" + modes, centres, sd, equalWeights(modes));
    }

    /**
     * The grid benchmark: centres {@code (v[i], v[j])} at index {@code size*i + j}, with
     * {@code v = spacing * (−(size−1)/2, …, (size−1)/2)}; size 5 and spacing 2 give {−4,−2,0,2,4}².
     *
     * @param size modes per axis, at least 1
     * @param spacing distance between neighbouring centres
     * @param sd the standard deviation per axis
     * @return the grid mixture with equal weights
     */
    public static GaussianMixture grid(int size, double spacing, double sd) {
        if (size < 1) {
            throw new InvalidInputException("grid: size is not at least 1: " + size);
        }
        double[][] centres = new double[size * size][];
        for (int i = 0; i < size; i++) {
            for (int j = 0; j < size; j++) {
                centres[size * i + j] = new double[] {spacing * (i - (size - 1) / 2.0), spacing * (j - (size - 1) / 2.0)};
            }
        }
        return of("grid" + size * size, centres, sd, equalWeights(size * size));
    }

    private static double[] equalWeights(int k) {
        double[] w = new double[k];
        Arrays.fill(w, 1.0 / k);
        return w;
    }

    /** @return the mixture's label */
    public String name() {
        return name;
    }

    /** @return the number of modes K */
    public int modes() {
        return centres.length;
    }

    /** @return the dimension D of the space */
    public int dimension() {
        return centres[0].length;
    }

    /**
     * @param mode the mode index
     * @return its centre (a new array)
     */
    public double[] centre(int mode) {
        return centres[mode].clone();
    }

    /**
     * @param mode the mode index
     * @param axis the axis index
     * @return one coordinate of a centre
     */
    public double centre(int mode, int axis) {
        return centres[mode][axis];
    }

    /** @return the standard deviation per axis */
    public double sd() {
        return sd;
    }

    /**
     * @param mode the mode index
     * @return its weight
     */
    public double weight(int mode) {
        return weights[mode];
    }
}
