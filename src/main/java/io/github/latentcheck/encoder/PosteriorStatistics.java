package io.github.latentcheck.encoder;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.prior.Prior;
import org.apache.commons.statistics.distribution.ContinuousDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Statistics of an encoder's posteriors \(q(z \mid x_i) = N(\mu_i, \operatorname{diag}(\sigma_i^2))\),
 * i = 1..n, against the model's prior p(z).
 *
 * <p>References:
 * <ol>
 * <li>Kingma, D. P. and Welling, M. (2014). Auto-encoding variational Bayes. ICLR. arXiv:1312.6114
 *     (the closed-form Gaussian KL term, appendix B).
 * <li>Burda, Y., Grosse, R. and Salakhutdinov, R. (2016). Importance weighted autoencoders. ICLR.
 *     arXiv:1509.00519 (active units, section 5.2).
 * <li>Rosca, M., Lakshminarayanan, B. and Mohamed, S. (2018). Distribution matching in variational
 *     inference. arXiv:1802.06847 (the aggregate posterior and holes in it).
 * </ol>
 */
public final class PosteriorStatistics {
    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private PosteriorStatistics() {
    }

    /**
     * The KL divergence of each coordinate's posterior from the prior's marginal, averaged over the
     * rows: with the prior's marginal \(N(m_u, s_u^2)\),
     * \[ \mathrm{KL}_u = \frac{1}{n}\sum_i \tfrac12\left(\log s_u^2 - \log\sigma_{iu}^2
     * + \frac{\sigma_{iu}^2 + (\mu_{iu} - m_u)^2}{s_u^2} - 1\right) \]
     * (Kingma and Welling 2014, appendix B). Their sum is the KL term of the ELBO when the prior's
     * coordinates are independent.
     *
     * @param q the posteriors
     * @param prior a prior whose marginals are normal, of q's dimension
     * @return KL_u for u = 0..d-1, in nats
     * @throws InvalidInputException if a marginal is not normal or the dimensions differ
     */
    public static double[] klPerDimension(Posterior q, Prior prior) {
        checkDimension(q, prior);
        int d = q.dimension();
        double[] kl = new double[d];
        for (int u = 0; u < d; u++) {
            if (!(prior.marginal(u) instanceof NormalDistribution normal)) {
                throw new InvalidInputException("the KL divergence is computed in closed form for Gaussian priors; "
                        + "coordinate " + u + " of " + prior.description() + " is not normal");
            }
            double m = normal.getMean();
            double s2 = normal.getStandardDeviation() * normal.getStandardDeviation();
            double logS2 = Math.log(s2);
            double sum = 0;
            for (int i = 0; i < q.rows(); i++) {
                double l = q.logVariance(i, u);
                double dm = q.mean(i, u) - m;
                sum += 0.5 * (logS2 - l + (Math.exp(l) + dm * dm) / s2 - 1);
            }
            kl[u] = sum / q.rows();
        }
        return kl;
    }

    /**
     * The activity of each latent unit (Burda et al. 2016): the variance over the rows of the
     * posterior mean, \(A_u = \operatorname{Cov}_x(E_{q(z \mid x)}[z_u])
     * = \frac{1}{n-1}\sum_i (\mu_{iu} - \bar\mu_u)^2\) (the unbiased sample variance, numpy's
     * {@code var(ddof=1)}), computed in two passes. A unit is active when \(A_u\) exceeds a threshold
     * (0.01 in the paper): its posterior mean moves with the data.
     *
     * @param q the posteriors, at least 2 rows
     * @return A_u for u = 0..d-1
     */
    public static double[] activity(Posterior q) {
        int n = q.rows();
        if (n < 2) {
            throw new InvalidInputException("the activity of latent units needs at least 2 data rows: " + n);
        }
        int d = q.dimension();
        double[] a = new double[d];
        for (int u = 0; u < d; u++) {
            double mean = 0;
            for (int i = 0; i < n; i++) {
                mean += q.mean(i, u);
            }
            mean /= n;
            double ss = 0;
            for (int i = 0; i < n; i++) {
                double e = q.mean(i, u) - mean;
                ss += e * e;
            }
            a[u] = ss / (n - 1);
        }
        return a;
    }

    /**
     * The log density of the aggregate posterior, the mixture of the n row posteriors with equal
     * weights, at z:
     * \[ \log q(z) = \log\frac1n\sum_i N(z; \mu_i, \operatorname{diag}\sigma_i^2)
     * = \operatorname{logsumexp}_i \ell_i(z) - \log n,\quad
     * \ell_i(z) = -\tfrac12\sum_u\left(\log 2\pi + \log\sigma_{iu}^2 + \frac{(z_u - \mu_{iu})^2}{\sigma_{iu}^2}\right), \]
     * with the log-sum-exp taken about its largest term, so that no term underflows
     * (Rosca et al. 2018 call the places where it is far below the prior's density holes).
     *
     * @param q the posteriors
     * @param z a latent vector of q's dimension
     * @return log q(z)
     */
    public static double aggregateLogDensity(Posterior q, double[] z) {
        int n = q.rows();
        int d = q.dimension();
        if (z.length != d) {
            throw new InvalidInputException("latent of dimension " + z.length + " for a posterior of dimension " + d);
        }
        double[] terms = new double[n];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int u = 0; u < d; u++) {
                double l = q.logVariance(i, u);
                double e = z[u] - q.mean(i, u);
                s += LOG_2PI + l + e * e * Math.exp(-l);
            }
            terms[i] = -0.5 * s;
            max = Math.max(max, terms[i]);
        }
        double sum = 0;
        for (double t : terms) {
            sum += Math.exp(t - max);
        }
        return max + Math.log(sum) - Math.log(n);
    }

    /**
     * The prior's log density at z as the sum of its marginals' log densities,
     * \(\log p(z) = \sum_u \log p_u(z_u)\): exact for the priors with independent coordinates
     * (gaussian, uniform, truncated).
     *
     * @param prior the prior
     * @param z a latent vector of its dimension
     * @return log p(z), −∞ outside the support
     */
    public static double priorLogDensity(Prior prior, double[] z) {
        double s = 0;
        for (int u = 0; u < z.length; u++) {
            ContinuousDistribution marginal = prior.marginal(u);
            s += marginal.logDensity(z[u]);
        }
        return s;
    }

    private static void checkDimension(Posterior q, Prior prior) {
        if (q.dimension() != prior.dimension()) {
            throw new InvalidInputException("the encoder gives latents of dimension " + q.dimension() + " but the prior "
                    + prior.description() + " has dimension " + prior.dimension());
        }
    }
}
