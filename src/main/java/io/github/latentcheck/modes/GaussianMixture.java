package io.github.latentcheck.modes;

import io.github.latentcheck.InvalidInputException;
import java.util.Arrays;

/**
 * A Gaussian mixture with known modes: K centres μ_k in R^D, a covariance Σ_k per mode and mixture
 * weights. A mode is either isotropic, Σ_k = σ_k² I (one standard deviation per mode, or one shared
 * by every mode), or has a full covariance matrix. The ring-of-8 and grid-of-25 benchmarks of the
 * GAN literature (Metz et al. 2017, arXiv:1611.02163; Srivastava et al. 2017, arXiv:1705.07761)
 * are built in.
 *
 * <p>The Mahalanobis distance of x to mode k is
 * {@code d_k(x) = sqrt((x − μ_k)ᵀ Σ_k⁻¹ (x − μ_k))}, which is {@code ‖x − μ_k‖ / σ_k} for an
 * isotropic mode; it is computed through the Cholesky factor Σ_k = L_k L_kᵀ.
 */
public final class GaussianMixture {
    private final String name;
    private final double[][] centres;
    /** Per mode: σ_k for an isotropic mode, NaN for a full covariance. */
    private final double[] sds;
    /** Per mode: the lower Cholesky factor L_k (row-major D × D), or null for an isotropic mode. */
    private final double[][] cholesky;
    private final double[] weights;

    private GaussianMixture(String name, double[][] centres, double[] sds, double[][] cholesky, double[] weights) {
        this.name = name;
        this.centres = centres;
        this.sds = sds;
        this.cholesky = cholesky;
        this.weights = weights;
    }

    /**
     * @param name a label, e.g. {@code "ring8"}, used in messages
     * @param centres K centres of one dimension D each
     * @param sd the standard deviation per axis of every mode, strictly positive
     * @param weights K non-negative weights summing to 1 (within 1e-9)
     * @return the mixture
     */
    public static GaussianMixture of(String name, double[][] centres, double sd, double[] weights) {
        if (!(sd > 0 && sd < Double.POSITIVE_INFINITY)) {
            throw new InvalidInputException(name + ": sd is not strictly positive and finite: " + sd);
        }
        double[] sds = new double[centres.length];
        Arrays.fill(sds, sd);
        return ofStandardDeviations(name, centres, sds, weights);
    }

    /**
     * @param name a label, used in messages
     * @param centres K centres of one dimension D each
     * @param sds K standard deviations: mode k is N(μ_k, σ_k² I); each strictly positive and finite
     * @param weights K non-negative weights summing to 1 (within 1e-9)
     * @return the mixture
     */
    public static GaussianMixture ofStandardDeviations(String name, double[][] centres, double[] sds,
            double[] weights) {
        double[][] copy = checkCentres(name, centres);
        if (sds.length != centres.length) {
            throw new InvalidInputException(name + ": " + sds.length + " standard deviations for " + centres.length
                    + " centres");
        }
        for (int k = 0; k < sds.length; k++) {
            if (!(sds[k] > 0 && sds[k] < Double.POSITIVE_INFINITY)) {
                throw new InvalidInputException(name + ": sd" + (sds.length > 1 ? " of mode " + k : "")
                        + " is not strictly positive and finite: " + sds[k]);
            }
        }
        checkWeights(name, weights, centres.length);
        return new GaussianMixture(name, copy, sds.clone(), new double[centres.length][], weights.clone());
    }

    /**
     * @param name a label, used in messages
     * @param centres K centres of one dimension D each
     * @param covariances K symmetric positive-definite D × D matrices Σ_k
     * @param weights K non-negative weights summing to 1 (within 1e-9)
     * @return the mixture
     */
    public static GaussianMixture ofCovariances(String name, double[][] centres, double[][][] covariances,
            double[] weights) {
        double[][] copy = checkCentres(name, centres);
        if (covariances.length != centres.length) {
            throw new InvalidInputException(name + ": " + covariances.length + " covariance matrices for "
                    + centres.length + " centres");
        }
        int dim = copy[0].length;
        double[][] factors = new double[centres.length][];
        for (int k = 0; k < centres.length; k++) {
            factors[k] = cholesky(name, k, covariances[k], dim);
        }
        double[] sds = new double[centres.length];
        Arrays.fill(sds, Double.NaN);
        checkWeights(name, weights, centres.length);
        return new GaussianMixture(name, copy, sds, factors, weights.clone());
    }

    private static double[][] checkCentres(String name, double[][] centres) {
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
            for (double v : centres[k]) {
                if (!Double.isFinite(v)) {
                    throw new InvalidInputException(name + ": centre " + k + " is not finite: " + v);
                }
            }
            copy[k] = centres[k].clone();
        }
        return copy;
    }

    private static void checkWeights(String name, double[] weights, int modes) {
        if (weights.length != modes) {
            throw new InvalidInputException(name + ": " + weights.length + " weights for " + modes + " centres");
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
    }

    /** The Cholesky–Banachiewicz factorization Σ = L Lᵀ, refusing matrices that are not symmetric positive-definite. */
    private static double[] cholesky(String name, int mode, double[][] sigma, int dim) {
        if (sigma.length != dim) {
            throw new InvalidInputException(name + ": covariance of mode " + mode + " has " + sigma.length
                    + " rows, not " + dim);
        }
        for (int i = 0; i < dim; i++) {
            if (sigma[i].length != dim) {
                throw new InvalidInputException(name + ": covariance of mode " + mode + " row " + i + " has "
                        + sigma[i].length + " entries, not " + dim);
            }
            for (int j = 0; j < i; j++) {
                if (!(Math.abs(sigma[i][j] - sigma[j][i]) <= 1e-12 * Math.max(Math.abs(sigma[i][j]), Math.abs(sigma[j][i])))) {
                    throw new InvalidInputException(name + ": covariance of mode " + mode + " is not symmetric at ["
                            + i + "][" + j + "]: " + sigma[i][j] + " != " + sigma[j][i]);
                }
            }
        }
        double[] l = new double[dim * dim];
        for (int i = 0; i < dim; i++) {
            for (int j = 0; j <= i; j++) {
                double s = sigma[i][j];
                for (int m = 0; m < j; m++) {
                    s -= l[i * dim + m] * l[j * dim + m];
                }
                if (i == j) {
                    if (!(s > 0 && s < Double.POSITIVE_INFINITY)) {
                        throw new InvalidInputException(name + ": covariance of mode " + mode
                                + " is not positive-definite and finite (pivot " + i + ": " + s + ")");
                    }
                    l[i * dim + i] = Math.sqrt(s);
                } else {
                    l[i * dim + j] = s / l[j * dim + j];
                }
            }
        }
        return l;
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

    /**
     * @return the standard deviation per axis shared by every mode
     * @throws IllegalStateException if the modes are not all isotropic with one standard deviation
     */
    public double sd() {
        for (double s : sds) {
            if (!(s == sds[0])) {
                throw new IllegalStateException(name + " has no single standard deviation shared by every mode");
            }
        }
        return sds[0];
    }

    /**
     * @param mode the mode index
     * @return whether the mode is isotropic, Σ_k = σ_k² I
     */
    public boolean isIsotropic(int mode) {
        return cholesky[mode] == null;
    }

    /**
     * @param mode the mode index
     * @return its covariance matrix Σ_k (a new array)
     */
    public double[][] covariance(int mode) {
        int dim = dimension();
        double[][] sigma = new double[dim][dim];
        for (int i = 0; i < dim; i++) {
            for (int j = 0; j < dim; j++) {
                if (cholesky[mode] == null) {
                    sigma[i][j] = i == j ? sds[mode] * sds[mode] : 0;
                } else {
                    double s = 0;
                    for (int m = 0; m <= Math.min(i, j); m++) {
                        s += cholesky[mode][i * dim + m] * cholesky[mode][j * dim + m];
                    }
                    sigma[i][j] = s;
                }
            }
        }
        return sigma;
    }

    /**
     * The Mahalanobis distance {@code d_k(x) = sqrt((x − μ_k)ᵀ Σ_k⁻¹ (x − μ_k))}, by forward
     * substitution with the Cholesky factor (solve L y = x − μ_k, then d = ‖y‖).
     *
     * @param mode the mode index
     * @param x a point, read from {@code x[offset]} to {@code x[offset + D − 1]}
     * @param offset where the point starts
     * @return its Mahalanobis distance to the mode
     */
    public double mahalanobis(int mode, double[] x, int offset) {
        double[] mu = centres[mode];
        int dim = mu.length;
        double[] l = cholesky[mode];
        if (l == null) {
            double s = 0;
            for (int a = 0; a < dim; a++) {
                double diff = x[offset + a] - mu[a];
                s += diff * diff;
            }
            return Math.sqrt(s) / sds[mode];
        }
        double[] y = new double[dim];
        double s = 0;
        for (int i = 0; i < dim; i++) {
            double v = x[offset + i] - mu[i];
            for (int m = 0; m < i; m++) {
                v -= l[i * dim + m] * y[m];
            }
            y[i] = v / l[i * dim + i];
            s += y[i] * y[i];
        }
        return Math.sqrt(s);
    }

    /**
     * @param mode the mode index
     * @return its weight
     */
    public double weight(int mode) {
        return weights[mode];
    }

    /** @return the weights (a new array) */
    public double[] weights() {
        return weights.clone();
    }
}
