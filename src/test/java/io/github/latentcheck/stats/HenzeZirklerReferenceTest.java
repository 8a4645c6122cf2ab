package io.github.latentcheck.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.latentcheck.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.assertj.core.data.Offset;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * Compares {@link Multivariate#henzeZirkler} with {@code fixtures/reference/henze_zirkler.csv}
 * ({@code make_henze_zirkler_reference.R}, computed as R's MVN package does), whose iris rows also
 * match the values published for MVN (iris setosa, 4 variables: T = 0.9488453, p = 0.04995356).
 */
class HenzeZirklerReferenceTest {
    /**
     * The statistic sums n² exponentials in another order than R, from Mahalanobis distances computed
     * through a Cholesky factor instead of R's {@code solve}: relative error about n·ε·condition,
     * below 1e-10 for these n ≤ 1000 and well-conditioned covariances. The p-value is a smooth
     * function of the statistic (derivative of log p in log T of order 10 for the smallest p here), so
     * the same tolerance holds, with p down to 1e-45.
     */
    private static final double TOLERANCE = 1e-10;

    @Test
    void agreesWithReference(TestReporter reporter) {
        List<ReferenceData.Row> rows = ReferenceData.csv("henze_zirkler.csv");
        assertThat(rows).hasSize(12);
        Agreement agreement = new Agreement();
        for (ReferenceData.Row row : rows) {
            int d = row.integer("d");
            double[] x = input(row.text("case"));
            assertThat(x).hasSize(row.integer("n") * d);
            TestResult t = Multivariate.henzeZirkler(x, d);
            assertThat(t.name()).isEqualTo("henze-zirkler");
            assertThat(t.method()).isEqualTo(PValueMethod.ASYMPTOTIC);
            agreement.check("statistic", row.text("case"), t.statistic(), row.number("statistic"), TOLERANCE, 1e-300);
            agreement.check("p", row.text("case"), t.pValue(), row.number("pvalue"), TOLERANCE, 1e-300);
        }
        agreement.verify(reporter);
    }

    @Test
    void matchesThePublishedIrisValue() {
        TestResult t = Multivariate.henzeZirkler(input("iris-setosa-4"), 4);
        assertThat(t.statistic()).isCloseTo(0.9488453, Offset.offset(5e-8));
        assertThat(t.pValue()).isCloseTo(0.04995356, Offset.offset(5e-9));
    }

    @Test
    void doesNotDependOnTheRowOrderBeyondRounding() {
        double[] x = input("normal-n100-d3");
        double[] reversed = new double[x.length];
        int n = x.length / 3;
        for (int i = 0; i < n; i++) {
            System.arraycopy(x, i * 3, reversed, (n - 1 - i) * 3, 3);
        }
        assertThat(Multivariate.henzeZirkler(reversed, 3).statistic())
                .isCloseTo(Multivariate.henzeZirkler(x, 3).statistic(), Percentage.withPercentage(1e-10));
    }

    @Test
    void refusesTooFewRowsAndSingularCovariance() {
        assertThatThrownBy(() -> Multivariate.henzeZirkler(new double[] {1, 2, 3, 4, 5, 6}, 2))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("sample size is not at least 4");
        double[] collinear = new double[20];
        for (int i = 0; i < 10; i++) {
            collinear[2 * i] = i;
            collinear[2 * i + 1] = 2 * i;
        }
        assertThatThrownBy(() -> Multivariate.henzeZirkler(collinear, 2))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("singular");
    }

    /**
     * Under H0 (N(0, I₃), n = 100) the rejection count at α = 0.05 over R = 2000 seeded samples lies
     * in the exact 99.9 % binomial interval [69, 133] (false-failure probability 0.083 % for a test of
     * exact size; the log-normal approximation is what is tested); under U(−1, 1)³ and under
     * independent Exp(1) coordinates (the same n) it rejects at least 90 % of the time.
     */
    @Test
    void isCalibratedUnderH0AndRejectsKnownAlternatives(TestReporter reporter) {
        int nullCount = rejections(0, 2000, 1L);
        int uniformCount = rejections(1, 500, 2L);
        int exponentialCount = rejections(2, 500, 3L);
        reporter.publishEntry("H0 rejections of 2000", String.valueOf(nullCount));
        reporter.publishEntry("uniform rejections of 500", String.valueOf(uniformCount));
        reporter.publishEntry("exponential rejections of 500", String.valueOf(exponentialCount));
        assertThat(nullCount).isBetween(69, 133);
        assertThat(uniformCount).isGreaterThanOrEqualTo(450);
        assertThat(exponentialCount).isGreaterThanOrEqualTo(450);
    }

    private static int rejections(int scenario, int replicates, long seed) {
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(seed);
        ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        ZigguratSampler.Exponential exponential = ZigguratSampler.Exponential.of(rng);
        int d = 3;
        int n = 100;
        int count = 0;
        for (int r = 0; r < replicates; r++) {
            double[] x = new double[n * d];
            for (int i = 0; i < x.length; i++) {
                x[i] = scenario == 0 ? gauss.sample() : scenario == 1 ? 2 * rng.nextDouble() - 1 : exponential.sample();
            }
            count += Multivariate.henzeZirkler(x, d).pValue() < 0.05 ? 1 : 0;
        }
        return count;
    }

    private static double[] input(String name) {
        Path file = ReferenceData.DIR.resolve("henze_zirkler_inputs").resolve(name + ".csv");
        try {
            return Files.readAllLines(file).stream()
                    .flatMapToDouble(line -> Arrays.stream(line.split(",")).mapToDouble(Double::parseDouble))
                    .toArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
