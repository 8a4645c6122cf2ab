package io.github.latentcheck.stats;

import io.github.latentcheck.InvalidInputException;
import java.util.Objects;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * The mean and the even central moments \(\mu_{2k} = E[(X - \mu)^{2k}]\), \(k = 1..4\), of a
 * univariate reference distribution, as the moment tests need them.
 *
 * <p>Every prior latentcheck supports is symmetric about its mean, so the odd central moments are
 * zero and are not stored. {@link #isGaussian()} says whether the distribution is exactly normal,
 * in which case {@link MomentTests} use the exact or the classical normal-theory tests; otherwise they
 * use delta-method asymptotics that need \(\mu_2 .. \mu_8\).
 *
 * <p>Instances are immutable. Create them with {@link #gaussian(double, double)},
 * {@link #uniform(double, double)}, {@link #truncatedNormal(double)}, {@link #sphereMarginal(int)} or
 * {@link #of(double, double, double, double, double)}.
 */
public final class CentralMoments {
    /** Below this truncation point the truncated-normal moments come from the series. */
    private static final double TRUNCATED_NORMAL_SERIES_LIMIT = 3;

    private final double mean;
    private final double mu2;
    private final double mu4;
    private final double mu6;
    private final double mu8;
    private final boolean gaussian;

    private CentralMoments(double mean, double mu2, double mu4, double mu6, double mu8, boolean gaussian) {
        this.mean = mean;
        this.mu2 = mu2;
        this.mu4 = mu4;
        this.mu6 = mu6;
        this.mu8 = mu8;
        this.gaussian = gaussian;
    }

    /**
     * The normal distribution \(N(\mu, \sigma^2)\): \(\mu_{2k} = (2k-1)!!\,\sigma^{2k}\), i.e.
     * \(\sigma^2, 3\sigma^4, 15\sigma^6, 105\sigma^8\).
     *
     * @param mean the mean \(\mu\), finite
     * @param sd the standard deviation \(\sigma\), strictly positive and finite
     * @return the moments, flagged as Gaussian
     * @throws InvalidInputException if a parameter breaks its rule
     */
    public static CentralMoments gaussian(double mean, double sd) {
        requireFinite("mean", mean);
        requirePositiveFinite("sd", sd);
        double v = sd * sd;
        return new CentralMoments(mean, v, 3 * v * v, 15 * v * v * v, 105 * v * v * v * v, true);
    }

    /**
     * The uniform distribution on \([a, b]\): with half-width \(h = (b - a)/2\),
     * \(\mu_{2k} = h^{2k} / (2k + 1)\).
     *
     * @param a the lower bound, finite
     * @param b the upper bound, finite and strictly above {@code a}
     * @return the moments
     * @throws InvalidInputException if a parameter breaks its rule
     */
    public static CentralMoments uniform(double a, double b) {
        requireFinite("a", a);
        requireFinite("b", b);
        if (!(b > a)) {
            throw new InvalidInputException("b is not strictly above a: " + b + " <= " + a);
        }
        double h = b / 2 - a / 2;
        requirePositiveFinite("(b - a) / 2", h);
        double h2 = h * h;
        return new CentralMoments(a / 2 + b / 2, h2 / 3, h2 * h2 / 5, h2 * h2 * h2 / 7, h2 * h2 * h2 * h2 / 9, false);
    }

    /**
     * The standard normal truncated to \([-\tau, \tau]\). With \(m_0 = 1\) and
     * \(c = 2\phi(\tau) / (2\Phi(\tau) - 1)\), the even moments follow the recursion (integration by
     * parts of \(z^{2k-1} \cdot z\phi(z)\))
     * \[ m_{2k} = E[Z^{2k}] = (2k - 1)\, m_{2k-2} - \tau^{2k-1} c. \]
     * The recursion subtracts nearly equal numbers when \(\tau\) is small (it loses 4e-11 relative
     * in \(m_8\) at \(\tau = 0.5\)), so for \(\tau &lt; 3\) the moments are computed instead as
     * \(m_{2k} = S_k / S_0\) from the series of positive terms (Kummer's transformation of
     * \(\int_0^\tau z^{2k} e^{-z^2/2} dz\))
     * \[ S_k = \sum_{j \ge 0} \frac{\tau^{2k + 2j + 1}}{(2k+1)(2k+3)\cdots(2k+2j+1)}. \]
     * Reference: Johnson, Kotz &amp; Balakrishnan (1994), <i>Continuous Univariate Distributions</i>,
     * vol. 1, 2nd ed., section 13.10.1, Wiley; Abramowitz &amp; Stegun (1964), 13.1.27 and 13.2.1.
     *
     * @param tau the truncation point \(\tau\), strictly positive and finite
     * @return the moments (mean 0)
     * @throws InvalidInputException if {@code tau} breaks its rule
     */
    public static CentralMoments truncatedNormal(double tau) {
        requirePositiveFinite("tau", tau);
        double[] m = tau < TRUNCATED_NORMAL_SERIES_LIMIT ? truncatedNormalSeries(tau) : truncatedNormalRecursion(tau);
        return new CentralMoments(0, m[1], m[2], m[3], m[4], false);
    }

    private static double[] truncatedNormalRecursion(double tau) {
        NormalDistribution normal = NormalDistribution.of(0, 1);
        double c = 2 * normal.density(tau) / normal.probability(-tau, tau);
        double[] m = new double[5];
        m[0] = 1;
        double tauPower = tau;
        for (int k = 1; k <= 4; k++) {
            m[k] = (2 * k - 1) * m[k - 1] - tauPower * c;
            tauPower *= tau * tau;
        }
        return m;
    }

    private static double[] truncatedNormalSeries(double tau) {
        double t2 = tau * tau;
        double[] s = new double[5];
        for (int k = 0; k <= 4; k++) {
            double term = 1.0 / (2 * k + 1);
            double sum = term;
            for (int j = 1; term > 0x1.0p-60 * sum; j++) {
                term *= t2 / (2 * k + 2 * j + 1);
                sum += term;
            }
            s[k] = sum;
        }
        double[] m = new double[5];
        double t2k = 1;
        for (int k = 0; k <= 4; k++) {
            m[k] = t2k * s[k] / s[0];
            t2k *= t2;
        }
        return m;
    }

    /**
     * One coordinate of a point uniform on the sphere of radius \(\sqrt{d}\) in \(\mathbb{R}^d\)
     * (so that each coordinate has unit variance). Its density is proportional to
     * \((1 - x^2/d)^{(d-3)/2}\), i.e. \((x/\sqrt{d} + 1)/2 \sim \mathrm{Beta}((d-1)/2, (d-1)/2)\), and
     * \[ E[x^{2k}] = d^k \prod_{j=0}^{k-1} \frac{2j + 1}{d + 2j}. \]
     * Reference: Fang, Kotz &amp; Ng (1990), <i>Symmetric Multivariate and Related Distributions</i>,
     * section 2.1, Chapman &amp; Hall.
     *
     * @param d the dimension, at least 2
     * @return the moments (mean 0, variance 1)
     * @throws InvalidInputException if {@code d} is below 2
     */
    public static CentralMoments sphereMarginal(int d) {
        if (d < 2) {
            throw new InvalidInputException("d is not at least 2: " + d);
        }
        double[] m = new double[5];
        m[0] = 1;
        for (int k = 1; k <= 4; k++) {
            int j = k - 1;
            m[k] = m[k - 1] * d * (2.0 * j + 1) / (d + 2.0 * j);
        }
        return new CentralMoments(0, m[1], m[2], m[3], m[4], false);
    }

    /**
     * A symmetric distribution given by its moments. It is never flagged as Gaussian, even when the
     * moments are those of a normal distribution: the tests then use the delta-method asymptotics.
     *
     * @param mean the mean, finite
     * @param mu2 the variance, strictly positive and finite
     * @param mu4 the fourth central moment, finite and at least \(\mu_2^2\)
     * @param mu6 the sixth central moment, finite and at least \(\mu_4^2 / \mu_2\)
     * @param mu8 the eighth central moment, finite and at least \(\mu_4^2\) and \(\mu_6^2 / \mu_4\)
     * @return the moments
     * @throws InvalidInputException if a parameter breaks its rule (the lower bounds hold for every
     *     distribution, by the Cauchy–Schwarz inequality)
     */
    public static CentralMoments of(double mean, double mu2, double mu4, double mu6, double mu8) {
        requireFinite("mean", mean);
        requirePositiveFinite("mu2", mu2);
        requireFinite("mu4", mu4);
        requireFinite("mu6", mu6);
        requireFinite("mu8", mu8);
        requireAtLeast("mu4", mu4, "mu2^2", mu2 * mu2);
        requireAtLeast("mu6", mu6, "mu4^2 / mu2", mu4 * mu4 / mu2);
        requireAtLeast("mu8", mu8, "mu4^2", mu4 * mu4);
        requireAtLeast("mu8", mu8, "mu6^2 / mu4", mu6 * mu6 / mu4);
        return new CentralMoments(mean, mu2, mu4, mu6, mu8, false);
    }

    /** @return the mean \(\mu\) */
    public double mean() {
        return mean;
    }

    /** @return the variance \(\mu_2\) */
    public double mu2() {
        return mu2;
    }

    /** @return the fourth central moment \(\mu_4\) */
    public double mu4() {
        return mu4;
    }

    /** @return the sixth central moment \(\mu_6\) */
    public double mu6() {
        return mu6;
    }

    /** @return the eighth central moment \(\mu_8\) */
    public double mu8() {
        return mu8;
    }

    /** @return whether the distribution is exactly normal (made by {@link #gaussian(double, double)}) */
    public boolean isGaussian() {
        return gaussian;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof CentralMoments)) {
            return false;
        }
        CentralMoments other = (CentralMoments) o;
        return gaussian == other.gaussian
                && Double.compare(mean, other.mean) == 0
                && Double.compare(mu2, other.mu2) == 0
                && Double.compare(mu4, other.mu4) == 0
                && Double.compare(mu6, other.mu6) == 0
                && Double.compare(mu8, other.mu8) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(mean, mu2, mu4, mu6, mu8, gaussian);
    }

    @Override
    public String toString() {
        return "CentralMoments[mean=" + mean + ", mu2=" + mu2 + ", mu4=" + mu4 + ", mu6=" + mu6 + ", mu8=" + mu8
                + (gaussian ? ", gaussian" : "") + "]";
    }

    private static void requireFinite(String name, double v) {
        if (!Double.isFinite(v)) {
            throw new InvalidInputException(name + " is not finite: " + v);
        }
    }

    private static void requirePositiveFinite(String name, double v) {
        if (!(v > 0 && v < Double.POSITIVE_INFINITY)) {
            throw new InvalidInputException(name + " is not strictly positive and finite: " + v);
        }
    }

    private static void requireAtLeast(String name, double v, String boundName, double bound) {
        if (!(v >= bound)) {
            throw new InvalidInputException(name + " is not at least " + boundName + " (" + bound + "): " + v);
        }
    }
}
