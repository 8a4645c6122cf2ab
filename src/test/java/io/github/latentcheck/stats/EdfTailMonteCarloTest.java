package io.github.latentcheck.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * The finite-n upper tails of the one-sample Anderson–Darling and Cramér–von Mises p-values against seeded
 * Monte Carlo at small n: for each model p-value level \(\alpha\) the statistic \(c\) with \(p(c) = \alpha\)
 * is found by bisection, and the fraction of \(R\) simulated null samples (uniform, tested against U(0, 1))
 * with a statistic at least \(c\) must lie within 4.5 binomial standard errors of \(\alpha\) (each comparison
 * fails by chance with probability 7e-6; 16 comparisons, 1e-4 in all).
 */
class EdfTailMonteCarloTest {
    private static final int REPLICATES = 400_000;
    private static final double STANDARD_ERRORS = 4.5;
    private static final double[] LEVELS = {0.05, 0.01, 1e-3, 1e-4};

    @Test
    void andersonDarlingTailAgreesWithMonteCarlo(TestReporter reporter) {
        for (int n : new int[] {10, 30}) {
            double[] values = simulate(n, 1401 + n, EdfTailMonteCarloTest::andersonDarling);
            compare(reporter, "ad", n, values, z -> AndersonDarling.logPValue(n, z), 60);
        }
    }

    @Test
    void cramerVonMisesTailAgreesWithMonteCarlo(TestReporter reporter) {
        for (int n : new int[] {10, 30}) {
            double[] values = simulate(n, 1501 + n, EdfTailMonteCarloTest::cramerVonMises);
            compare(reporter, "cvm", n, values, w -> CramerVonMises.oneSampleLogPValue(w, n), n / 3.0);
        }
    }

    private static void compare(TestReporter reporter, String name, int n, double[] sorted, DoubleUnaryOperator logP,
            double high) {
        List<String> failures = new ArrayList<>();
        for (double alpha : LEVELS) {
            double lo = 0;
            double hi = high;
            for (int i = 0; i < 100; i++) {
                double mid = (lo + hi) / 2;
                if (logP.applyAsDouble(mid) > Math.log(alpha)) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            int at = Arrays.binarySearch(sorted, lo);
            int index = at >= 0 ? at : -at - 1;
            double rate = (double) (sorted.length - index) / sorted.length;
            double se = Math.sqrt(alpha * (1 - alpha) / sorted.length);
            double errors = (rate - alpha) / se;
            reporter.publishEntry(String.format("%s n=%d alpha=%s", name, n, alpha),
                    String.format("critical %.5g, Monte Carlo rate %.4g (%.2f standard errors)", lo, rate, errors));
            if (!(Math.abs(errors) <= STANDARD_ERRORS)) {
                failures.add(String.format("%s n=%d alpha=%s: rate %.4g, relative error %.3g, %.2f standard errors",
                        name, n, alpha, rate, rate / alpha - 1, errors));
            }
        }
        assertThat(failures).isEmpty();
    }

    private static double[] simulate(int n, long seed, java.util.function.ToDoubleFunction<double[]> statistic) {
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(seed);
        double[] values = new double[REPLICATES];
        double[] u = new double[n];
        for (int r = 0; r < REPLICATES; r++) {
            for (int i = 0; i < n; i++) {
                u[i] = rng.nextDouble();
            }
            Arrays.sort(u);
            values[r] = statistic.applyAsDouble(u);
        }
        Arrays.sort(values);
        return values;
    }

    private static double andersonDarling(double[] u) {
        int n = u.length;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += (2.0 * i + 1) * (Math.log(u[i]) + Math.log1p(-u[n - 1 - i]));
        }
        return -n - sum / n;
    }

    private static double cramerVonMises(double[] u) {
        int n = u.length;
        double sum = 1 / (12.0 * n);
        for (int i = 0; i < n; i++) {
            double d = (2.0 * i + 1) / (2.0 * n) - u[i];
            sum += d * d;
        }
        return sum;
    }
}
