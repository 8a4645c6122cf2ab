package io.github.latentcheck.prior;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.data.Latents;
import io.github.latentcheck.stats.CentralMoments;
import java.util.Arrays;
import java.util.Locale;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.NonSymmetricMatrixException;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.statistics.distribution.ContinuousDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * A Gaussian prior N(μ, Σ): the standard normal N(0, I_d), the usual latent prior of GANs and VAEs, or
 * one with learned parameters, as a model's checkpoint exports them: a mean μ with a diagonal scale σ
 * (Σ = diag(σ²)), a full covariance Σ, or its lower-triangular Cholesky factor L (Σ = LLᵀ).
 *
 * <p>A draw is \(z = \mu + L\varepsilon\) with the d coordinates of ε drawn by the McFarland ziggurat
 * (Commons RNG {@code ZigguratSampler.NormalizedGaussian}); for N(0, I) that is ε itself. The marginal of
 * coordinate j is \(N(\mu_j, \Sigma_{jj})\), which the coordinate-wise checks use; the multivariate
 * checks test the whitened latents \(y = L^{-1}(z - \mu)\) against N(0, I_d) ({@link #jointReference()}):
 * under the prior y is exactly N(0, I_d), so \(\|y\|^2 \sim \chi^2_d\) (the Mahalanobis norm of z) and
 * the coordinates of y are independent. A covariance is factorised by Commons Math's
 * {@link CholeskyDecomposition}.
 */
public final class GaussianPrior implements Prior {
    private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);
    /** Relative asymmetry |Σ_ij − Σ_ji| / max(|Σ_ij|, |Σ_ji|) a covariance may have (rounding in a checkpoint). */
    static final double SYMMETRY_TOLERANCE = 1e-10;
    /** A Cholesky pivot must exceed this times the largest variance: the covariance is numerically positive-definite. */
    static final double PIVOT_TOLERANCE = 1e-12;

    /** How the parameters were given, for the description. */
    private enum Form {
        STANDARD, DIAGONAL, FULL
    }

    private final int dimension;
    private final Form form;
    private final double[] mean;
    /** Lower-triangular d × d: Σ = L Lᵀ; null for N(0, I), whose d may be large. */
    private final double[][] cholesky;
    private final NormalDistribution[] marginals;

    private GaussianPrior(int dimension, Form form, double[] mean, double[][] cholesky) {
        this.dimension = dimension;
        this.form = form;
        this.mean = mean;
        this.cholesky = cholesky;
        this.marginals = new NormalDistribution[form == Form.STANDARD ? 0 : dimension];
        for (int j = 0; j < marginals.length; j++) {
            double v = 0;
            for (int k = 0; k <= j; k++) {
                v += cholesky[j][k] * cholesky[j][k];
            }
            marginals[j] = NormalDistribution.of(mean[j], Math.sqrt(v));
        }
    }

    /**
     * @param dimension the latent dimension d, at least 1
     * @return N(0, I_d)
     * @throws InvalidInputException if {@code dimension < 1}
     */
    public static GaussianPrior of(int dimension) {
        return new GaussianPrior(Priors.checkDimension(dimension), Form.STANDARD, null, null);
    }

    /**
     * @param mean the mean μ, finite values
     * @param scale the standard deviation σ_j of each coordinate, strictly positive and finite, as many as the mean
     * @return N(μ, diag(σ²))
     * @throws InvalidInputException naming {@code mean[j]} or {@code scale[j]} when a value breaks its rule
     */
    public static GaussianPrior of(double[] mean, double[] scale) {
        double[] mu = checkMean(mean);
        requireLength("scale", scale.length, mu.length);
        double[][] l = new double[mu.length][mu.length];
        for (int j = 0; j < mu.length; j++) {
            if (!(scale[j] > 0 && scale[j] < Double.POSITIVE_INFINITY)) {
                throw new InvalidInputException("scale[" + j + "] is not strictly positive and finite: " + scale[j]);
            }
            l[j][j] = scale[j];
        }
        return new GaussianPrior(mu.length, Form.DIAGONAL, mu, l);
    }

    /**
     * @param mean the mean μ, finite values
     * @param covariance Σ, d × d, symmetric (to a relative {@value #SYMMETRY_TOLERANCE}) and positive-definite
     *     (every Cholesky pivot above {@value #PIVOT_TOLERANCE} times the largest variance)
     * @return N(μ, Σ)
     * @throws InvalidInputException naming the entry when Σ is not square, finite, symmetric or positive-definite
     */
    public static GaussianPrior withCovariance(double[] mean, double[][] covariance) {
        double[] mu = checkMean(mean);
        int d = mu.length;
        checkSquare("covariance", covariance, d);
        double largest = 0;
        for (int j = 0; j < d; j++) {
            largest = Math.max(largest, covariance[j][j]);
        }
        CholeskyDecomposition decomposition;
        try {
            decomposition = new CholeskyDecomposition(MatrixUtils.createRealMatrix(covariance), SYMMETRY_TOLERANCE,
                    PIVOT_TOLERANCE * largest);
        } catch (NonSymmetricMatrixException e) {
            throw new InvalidInputException("covariance is not symmetric: [" + e.getRow() + "][" + e.getColumn() + "] = "
                    + covariance[e.getRow()][e.getColumn()] + " but [" + e.getColumn() + "][" + e.getRow() + "] = "
                    + covariance[e.getColumn()][e.getRow()], e);
        } catch (NonPositiveDefiniteMatrixException e) {
            throw new InvalidInputException("covariance is not positive-definite: its Cholesky pivot of row "
                    + e.getRow() + " is " + e.getArgument() + ", not above " + PIVOT_TOLERANCE
                    + " times the largest variance", e);
        }
        return new GaussianPrior(d, Form.FULL, mu, decomposition.getL().getData());
    }

    /**
     * @param mean the mean μ, finite values
     * @param cholesky L, d × d, lower-triangular (every entry above the diagonal 0) with a strictly positive diagonal
     * @return N(μ, LLᵀ)
     * @throws InvalidInputException naming the entry when L is not square, finite, lower-triangular or has a
     *     diagonal entry that is not strictly positive
     */
    public static GaussianPrior withCholesky(double[] mean, double[][] cholesky) {
        double[] mu = checkMean(mean);
        int d = mu.length;
        checkSquare("cholesky", cholesky, d);
        double[][] l = new double[d][];
        for (int i = 0; i < d; i++) {
            for (int j = i + 1; j < d; j++) {
                if (cholesky[i][j] != 0) {
                    throw new InvalidInputException("cholesky is not lower-triangular: [" + i + "][" + j + "] = "
                            + cholesky[i][j]);
                }
            }
            if (!(cholesky[i][i] > 0)) {
                throw new InvalidInputException("cholesky[" + i + "][" + i + "] (a diagonal entry) is not strictly "
                        + "positive: " + cholesky[i][i]);
            }
            l[i] = cholesky[i].clone();
        }
        return new GaussianPrior(d, Form.FULL, mu, l);
    }

    private static double[] checkMean(double[] mean) {
        Priors.checkDimension(mean.length);
        for (int j = 0; j < mean.length; j++) {
            if (!Double.isFinite(mean[j])) {
                throw new InvalidInputException("mean[" + j + "] is not finite: " + mean[j]);
            }
        }
        return mean.clone();
    }

    static void requireLength(String name, int length, int dimension) {
        if (length != dimension) {
            throw new InvalidInputException(name + " has " + length + " values but the mean has " + dimension);
        }
    }

    private static void checkSquare(String name, double[][] m, int d) {
        if (m.length != d) {
            throw new InvalidInputException(name + " has " + m.length + " rows but the mean has " + d + " values");
        }
        for (int i = 0; i < d; i++) {
            if (m[i].length != d) {
                throw new InvalidInputException(name + "[" + i + "] has " + m[i].length + " values, not " + d);
            }
            for (int j = 0; j < d; j++) {
                if (!Double.isFinite(m[i][j])) {
                    throw new InvalidInputException(name + "[" + i + "][" + j + "] is not finite: " + m[i][j]);
                }
            }
        }
    }

    @Override
    public String type() {
        return "gaussian";
    }

    @Override
    public int dimension() {
        return dimension;
    }

    /** @return whether this is N(0, I_d) */
    public boolean isStandard() {
        return form == Form.STANDARD;
    }

    /**
     * @return whether the coordinates are independent (N(0, I), a diagonal scale, or a Cholesky factor with
     *     no non-zero entry off its diagonal), so that the density is the product of the marginals
     */
    public boolean hasIndependentCoordinates() {
        if (form != Form.FULL) {
            return true;
        }
        for (int i = 0; i < dimension; i++) {
            for (int j = 0; j < i; j++) {
                if (cholesky[i][j] != 0) {
                    return false;
                }
            }
        }
        return true;
    }

    /** @return the mean μ */
    public double[] mean() {
        return form == Form.STANDARD ? new double[dimension] : mean.clone();
    }

    /** @return the lower-triangular Cholesky factor L of the covariance, Σ = LLᵀ (the identity for N(0, I)) */
    public double[][] cholesky() {
        double[][] copy = new double[dimension][];
        for (int j = 0; j < dimension; j++) {
            copy[j] = form == Form.STANDARD ? new double[dimension] : cholesky[j].clone();
            if (form == Form.STANDARD) {
                copy[j][j] = 1;
            }
        }
        return copy;
    }

    @Override
    public String description() {
        switch (form) {
            case STANDARD:
                return "N(0, I_" + dimension + ")";
            case DIAGONAL: {
                double[] scale = new double[dimension];
                Arrays.setAll(scale, j -> cholesky[j][j]);
                return "N(mean, diag(scale^2)) in R^" + dimension + ", mean " + format(mean) + ", scale " + format(scale);
            }
            default:
                return "N(mean, covariance) in R^" + dimension + ", mean " + format(mean) + ", full covariance";
        }
    }

    private static String format(double[] v) {
        if (v.length > 8) {
            return "[" + v.length + " learned values]";
        }
        StringBuilder s = new StringBuilder("[");
        for (int j = 0; j < v.length; j++) {
            s.append(j == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.4g", v[j]));
        }
        return s.append(']').toString();
    }

    @Override
    public ContinuousDistribution marginal(int coordinate) {
        return form == Form.STANDARD ? STANDARD_NORMAL : marginals[coordinate];
    }

    @Override
    public CentralMoments moments(int coordinate) {
        NormalDistribution m = form == Form.STANDARD ? STANDARD_NORMAL : marginals[coordinate];
        return CentralMoments.gaussian(m.getMean(), m.getStandardDeviation());
    }

    @Override
    public void sample(UniformRandomProvider rng, double[] target, int offset) {
        ZigguratSampler.NormalizedGaussian gaussian = ZigguratSampler.NormalizedGaussian.of(rng);
        for (int j = 0; j < dimension; j++) {
            target[offset + j] = gaussian.sample();
        }
        if (form == Form.STANDARD) {
            return;
        }
        for (int i = dimension - 1; i >= 0; i--) {
            double v = mean[i];
            for (int k = 0; k <= i; k++) {
                v += cholesky[i][k] * target[offset + k];
            }
            target[offset + i] = v;
        }
    }

    /**
     * N(0, I): the latents as they are. Otherwise the whitened latents \(y = L^{-1}(z - \mu)\) (forward
     * substitution) against N(0, I_d).
     */
    @Override
    public LatentReference jointReference() {
        if (form == Form.STANDARD) {
            return LatentReference.of(this);
        }
        return LatentReference.mapped(of(dimension), this::whiten, "whitened: L^-1 (z - mean), L L^T = covariance");
    }

    /**
     * @param latents draws in R^d
     * @return \(L^{-1}(z - \mu)\) of each row
     */
    public Latents whiten(Latents latents) {
        if (form == Form.STANDARD) {
            return latents;
        }
        int n = latents.rows();
        int d = dimension;
        double[] out = new double[n * d];
        for (int r = 0; r < n; r++) {
            for (int i = 0; i < d; i++) {
                double v = latents.value(r, i) - mean[i];
                for (int k = 0; k < i; k++) {
                    v -= cholesky[i][k] * out[r * d + k];
                }
                out[r * d + i] = v / cholesky[i][i];
            }
        }
        return Latents.ofOwned(n, d, out);
    }
}
