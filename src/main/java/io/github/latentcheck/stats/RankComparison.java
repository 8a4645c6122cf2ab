package io.github.latentcheck.stats;

import io.github.latentcheck.InvalidInputException;
import java.util.Arrays;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.inference.AlternativeHypothesis;
import org.apache.commons.statistics.inference.ContinuityCorrection;
import org.apache.commons.statistics.inference.MannWhitneyUTest;

/**
 * Rank comparisons of two independent samples x (size n) and y (size m): the Mann–Whitney U test,
 * the area under the ROC curve and its confidence interval.
 *
 * <p><b>U and the AUC.</b> \(U_x = \sum_{i,j} [x_i &gt; y_j] + \tfrac12 [x_i = y_j]\) (scipy's
 * {@code mannwhitneyu(x, y).statistic}). The AUC of "x is smaller",
 * \(A = P(X &lt; Y) + \tfrac12 P(X = Y) = 1 - U_x / (nm)\), is 0.5 when the two samples come from one
 * distribution; its rank-biserial correlation is \(2A - 1\).
 *
 * <p><b>Normal statistic.</b> \(Z = (U_x - nm/2) / \sigma\) with the tie-corrected
 * \(\sigma^2 = \frac{nm}{12}\left(N + 1 - \frac{\sum_k (t_k^3 - t_k)}{N(N-1)}\right)\), \(N = n + m\),
 * \(t_k\) the sizes of the groups of tied values; no continuity correction (Mann &amp; Whitney 1947;
 * the form Meehan et al. 2020 use per cell). \(Z = 0\) when every value is tied.
 *
 * <p><b>Test.</b> {@link #mannWhitney} is Commons Statistics' {@link MannWhitneyUTest}, two-sided,
 * with the asymptotic normal p-value, tie correction and continuity correction, as
 * {@code scipy.stats.mannwhitneyu(x, y, method='asymptotic')}; where that p-value underflows its logarithm
 * is computed directly, \(\ln\operatorname{erfc}(z_c/\sqrt{2})\) with the continuity-corrected
 * \(z_c = (|U_x - nm/2| - 1/2)/\sigma\) ({@link LogTails}). Commons Statistics 1.2 ranks −0.0
 * below +0.0 (scipy ties them), so signed zeros are made +0.0 first.
 *
 * <p><b>Interval.</b> {@link #aucInterval} is Hanley &amp; McNeil's (1982) normal-approximation interval
 * \(A \pm z_{1-(1-c)/2}\,\mathrm{SE}\),
 * \(\mathrm{SE}^2 = \frac{A(1-A) + (n-1)(Q_1 - A^2) + (m-1)(Q_2 - A^2)}{nm}\),
 * \(Q_1 = A/(2-A)\), \(Q_2 = 2A^2/(1+A)\), clipped to [0, 1].
 *
 * <p>References:
 * <ol>
 * <li>Mann, H. B. &amp; Whitney, D. R. (1947). On a test of whether one of two random variables is
 * stochastically larger than the other. <i>Ann. Math. Statist.</i> 18(1), 50–60,
 * doi:10.1214/aoms/1177730491.
 * <li>Hanley, J. A. &amp; McNeil, B. J. (1982). The meaning and use of the area under a receiver operating
 * characteristic (ROC) curve. <i>Radiology</i> 143(1), 29–36, doi:10.1148/radiology.143.1.7063747.
 * </ol>
 */
public final class RankComparison {
    private static final MannWhitneyUTest TEST = MannWhitneyUTest.withDefaults()
            .with(AlternativeHypothesis.TWO_SIDED)
            .with(org.apache.commons.statistics.inference.PValueMethod.ASYMPTOTIC)
            .with(ContinuityCorrection.ENABLED);

    private RankComparison() {
    }

    /**
     * @param x the first sample, not empty
     * @param y the second sample, not empty
     * @return \(U_x\), the Mann–Whitney statistic of x with ties counted one half
     */
    public static double u(double[] x, double[] y) {
        requireNonEmpty(x, y);
        return rankSum(x, y)[0] - x.length * (x.length + 1.0) / 2;
    }

    /**
     * @param x the first sample, not empty
     * @param y the second sample, not empty
     * @return \(A = P(X &lt; Y) + \tfrac12 P(X = Y) = 1 - U_x/(nm)\)
     */
    public static double aucLess(double[] x, double[] y) {
        return 1 - u(x, y) / ((double) x.length * y.length);
    }

    /**
     * @param x the first sample, not empty
     * @param y the second sample, not empty
     * @return the tie-corrected normal statistic of \(U_x\), without continuity correction
     */
    public static double z(double[] x, double[] y) {
        requireNonEmpty(x, y);
        double[] sums = rankSum(x, y);
        double n = x.length;
        double m = y.length;
        double total = n + m;
        double ux = sums[0] - n * (n + 1) / 2;
        double variance = n * m / 12 * (total + 1 - sums[1] / (total * (total - 1)));
        return variance > 0 ? (ux - n * m / 2) / Math.sqrt(variance) : 0;
    }

    /**
     * @param name what is compared
     * @param x the first sample, not empty
     * @param y the second sample, not empty
     * @return the two-sided Mann–Whitney test, statistic \(U_x\), asymptotic p-value
     */
    public static TestResult mannWhitney(String name, double[] x, double[] y) {
        requireNonEmpty(x, y);
        MannWhitneyUTest.Result r = TEST.test(unsignedZeros(x), unsignedZeros(y));
        if (r.getPValue() >= LogTails.DIRECT_BELOW) {
            return TestResult.of(name, r.getStatistic(), r.getPValue(), PValueMethod.ASYMPTOTIC);
        }
        double[] sums = rankSum(x, y);
        double n = x.length;
        double m = y.length;
        double total = n + m;
        double sigma = Math.sqrt(n * m / 12 * (total + 1 - sums[1] / (total * (total - 1))));
        double corrected = (Math.abs(r.getStatistic() - n * m / 2) - 0.5) / sigma;
        return TestResult.ofLog(name, r.getStatistic(), LogTails.normalTwoSided(corrected), PValueMethod.ASYMPTOTIC);
    }

    /**
     * @param auc the AUC, in [0, 1]
     * @param n the size of the first sample
     * @param m the size of the second sample
     * @param level the confidence level, in (0, 1)
     * @return {@code {lower, upper}}, Hanley and McNeil's interval clipped to [0, 1]
     */
    public static double[] aucInterval(double auc, int n, int m, double level) {
        if (!(level > 0 && level < 1)) {
            throw new InvalidInputException("level is not in (0, 1): " + level);
        }
        double q1 = auc / (2 - auc);
        double q2 = 2 * auc * auc / (1 + auc);
        double a2 = auc * auc;
        double variance = (auc * (1 - auc) + (n - 1.0) * (q1 - a2) + (m - 1.0) * (q2 - a2)) / ((double) n * m);
        double half = NormalDistribution.of(0, 1).inverseSurvivalProbability((1 - level) / 2)
                * Math.sqrt(Math.max(0, variance));
        return new double[] {Math.max(0, auc - half), Math.min(1, auc + half)};
    }

    /**
     * Sorts copies of x and y (primitive sorts: 8 bytes per value, so 10⁷ training rows' distances
     * cost 80 MB) and walks them together, tie group by tie group. The rank sums are sums of
     * half-integers below 2<sup>52</sup>, so exact in double whatever the order of addition. −0.0
     * ties with +0.0; a NaN ties with nothing and ranks after every number, those of x first.
     *
     * @return {@code {rank sum of x, Σ (t³ − t) over tie groups}}, with mid-ranks for ties
     */
    private static double[] rankSum(double[] x, double[] y) {
        double[] a = x.clone();
        double[] b = y.clone();
        Arrays.sort(a);
        Arrays.sort(b);
        double sum = 0;
        double ties = 0;
        long before = 0;
        for (int i = 0, j = 0; i < a.length || j < b.length;) {
            boolean fromA = j == b.length || i < a.length && Double.compare(a[i], b[j]) <= 0;
            double v = fromA ? a[i] : b[j];
            int endA = i;
            while (endA < a.length && a[endA] == v) {
                endA++;
            }
            int endB = j;
            while (endB < b.length && b[endB] == v) {
                endB++;
            }
            if (Double.isNaN(v)) {
                endA = fromA ? i + 1 : i;
                endB = fromA ? j : j + 1;
            }
            double t = (endA - i) + (endB - j);
            double midRank = (2 * before + 1 + t) / 2;
            sum += midRank * (endA - i);
            ties += t * t * t - t;
            before += endA - i + endB - j;
            i = endA;
            j = endB;
        }
        return new double[] {sum, ties};
    }

    /** @return a copy with −0.0 replaced by +0.0 (IEEE: −0.0 + 0.0 = +0.0) */
    private static double[] unsignedZeros(double[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = values[i] + 0.0;
        }
        return out;
    }

    private static void requireNonEmpty(double[] x, double[] y) {
        if (x.length == 0 || y.length == 0) {
            throw new InvalidInputException("a rank comparison needs two non-empty samples: sizes "
                    + x.length + " and " + y.length);
        }
    }
}
