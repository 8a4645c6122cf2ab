package io.github.latentcheck.stats;

/**
 * The mean and the biased central moments of a sample, as the moment tests use them:
 * {@code m_k = n⁻¹ Σ (x_i − x̄)^k}, variance {@code m_2}, skewness {@code g_1 = m_3 / m_2^{3/2}} and
 * excess kurtosis {@code g_2 = m_4 / m_2² − 3}.
 */
public final class SampleMoments {
    private final double mean;
    private final double m2;
    private final double m3;
    private final double m4;

    private SampleMoments(double mean, double m2, double m3, double m4) {
        this.mean = mean;
        this.m2 = m2;
        this.m3 = m3;
        this.m4 = m4;
    }

    /**
     * @param x the sample, non-empty
     * @return its moments
     */
    public static SampleMoments of(double[] x) {
        double mean = MomentTests.mean(x);
        return new SampleMoments(mean, MomentTests.centralMoment(x, mean, 2), MomentTests.centralMoment(x, mean, 3),
                MomentTests.centralMoment(x, mean, 4));
    }

    /** @return the mean x̄ */
    public double mean() {
        return mean;
    }

    /** @return the biased variance m_2 */
    public double variance() {
        return m2;
    }

    /** @return the biased skewness g_1 = m_3 / m_2^{3/2} (NaN for a constant sample) */
    public double skewness() {
        return m3 / (m2 * Math.sqrt(m2));
    }

    /** @return the biased excess kurtosis g_2 = m_4 / m_2² − 3 (NaN for a constant sample) */
    public double excessKurtosis() {
        return m4 / (m2 * m2) - 3;
    }
}
