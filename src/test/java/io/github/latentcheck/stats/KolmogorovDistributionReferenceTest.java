package io.github.latentcheck.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.latentcheck.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * Checks {@link KolmogorovDistribution} against the exact references of
 * {@code fixtures/reference/ks_exact.csv} (made by {@code make_ks_exact_reference.py}: a 400-bit
 * Durbin matrix, exact 2P+ identities and the Smirnov sum, none of them our recursion).
 *
 * <p>Errors are compared as \(|\ln p - \ln p_{ref}|\), which is the relative error of p to first order
 * and stays meaningful where p underflows (down to \(p \approx 10^{-4000}\) here).
 */
class KolmogorovDistributionReferenceTest {
    /** The standard for n &lt;= 10,000 (the recursion's worst-case rounding bound is 8.9e-11). */
    private static final double EXACT_TOLERANCE = 1e-10;
    /** The stated bound beyond n = 10,000 (Pelz–Good or 2P+; measured below 1.3e-8 at n = 10^4). */
    private static final double ASYMPTOTIC_TOLERANCE = KolmogorovDistribution.ASYMPTOTIC_BOUND;

    @Test
    void everyReferenceRowWithinTolerance(TestReporter reporter) {
        List<ReferenceData.Row> rows = ReferenceData.csv("ks_exact.csv");
        assertThat(rows).hasSizeGreaterThan(250);
        Agreement agreement = new Agreement();
        Agreement scipy = new Agreement();
        for (ReferenceData.Row row : rows) {
            int n = row.integer("n");
            double d = row.number("d");
            boolean two = row.text("side").equals("two");
            KolmogorovDistribution.Tail tail = two ? KolmogorovDistribution.twoSided(d, n)
                    : KolmogorovDistribution.oneSided(d, n);
            String cas = row.text("case");
            double refBound = row.number("ref_bound");
            double tolerance = (n <= KolmogorovDistribution.EXACT_MAX_N ? EXACT_TOLERANCE : ASYMPTOTIC_TOLERANCE)
                    + refBound;
            String kind = row.text("side") + (n <= KolmogorovDistribution.EXACT_MAX_N ? " n<=10000 " : " n>10000 ")
                    + tail.algorithm() + " vs " + row.text("method");
            double expected = row.number("log_p");
            double error = Math.abs(tail.logP() - expected);
            agreement.check(kind, cas, error, 0, tolerance, 1);
            assertThat(tail.delivered()).as(cas).isTrue();
            assertThat(error).as(cas + ": error within the reported bound").isLessThanOrEqualTo(
                    tail.relativeErrorBound() + refBound + 1e-13);
            double p = row.number("p");
            if (p >= Double.MIN_NORMAL) {
                agreement.check(kind + " (p)", cas, tail.p(), p, tolerance, 0);
                String scipyKind = "scipy " + (two ? "kstwo" : "ksone") + (n <= 140 ? " n<=140" : " n>140");
                scipy.check(scipyKind, cas, row.number("scipy_sf"), p, 1, 0);
            } else {
                assertThat(tail.p()).as(cas).isLessThan(Double.MIN_NORMAL);
                assertThat(tail.logP()).as(cas).isFinite();
            }
        }
        scipy.verify(reporter);
        agreement.verify(reporter);
    }

    @Test
    void beyondTenThousandTheAsymptoticTailIsWithinItsBound(TestReporter reporter) {
        // n = 10001 is the first size with the asymptotic scheme; Pelz–Good's error shrinks as n^-2
        // (measured 3.1e-6 at x = 3 for n = 10001 and 7.8e-7 for n = 20000), so n = 10001 is the worst.
        int n = 10_001;
        Agreement agreement = new Agreement();
        for (double x : new double[] {0.45, 1.0, 1.6, 1.95, 2.05, 2.6}) {
            double d = x / Math.sqrt(n);
            KolmogorovDistribution.Tail auto = KolmogorovDistribution.twoSided(d, n);
            KolmogorovDistribution.Tail exact = KolmogorovDistribution.twoSidedExact(d, n);
            assertThat(exact.algorithm()).isEqualTo(KolmogorovDistribution.Algorithm.FIRST_PASSAGE);
            // the stated bound, plus for 2P+ the rounding bound of the Smirnov sum (~1e-11)
            assertThat(auto.relativeErrorBound()).isLessThanOrEqualTo(ASYMPTOTIC_TOLERANCE + 1e-10);
            agreement.check(auto.algorithm() + " vs exact recursion, n=10001", "x=" + x, auto.p(), exact.p(),
                    auto.relativeErrorBound(), 0);
        }
        agreement.verify(reporter);
    }

    /**
     * ks_exact.csv has no exact reference at n = 10,000 for 1e-13 &lt; p &lt; 0.01 (the Durbin matrix
     * is too slow in Python). There the recursion is checked against 2P+ from the Smirnov sum, a
     * different algorithm: P = 2P+ - P(D+ &gt;= d, D- &gt;= d), and the last term is about
     * \(2e^{-8x^2}\) (Kolmogorov's series), a relative \(e^{-6x^2} &lt; 10^{-16}\) for x &gt;= 2.5; the
     * difference measured at most 5.6e-13 over x in [2.9, 3.4].
     */
    @Test
    void atTenThousandTheRecursionMatchesTwiceTheOneSidedTailInTheTail(TestReporter reporter) {
        int n = 10_000;
        Agreement agreement = new Agreement();
        for (double x : new double[] {2.5, 3.0, 3.45}) {
            double d = x / Math.sqrt(n);
            KolmogorovDistribution.Tail tail = KolmogorovDistribution.twoSided(d, n);
            assertThat(tail.algorithm()).isEqualTo(KolmogorovDistribution.Algorithm.FIRST_PASSAGE);
            double twice = Math.log(2) + KolmogorovDistribution.oneSidedLogSf(d, n);
            agreement.check("first passage vs 2P+ (log p), n=10000", "x=" + x, tail.logP() - twice, 0, 1e-11, 1);
        }
        agreement.verify(reporter);
    }

    @Test
    void closedFormsAndEdges() {
        assertThat(KolmogorovDistribution.twoSided(0.05, 10).p()).isEqualTo(1.0);
        assertThat(KolmogorovDistribution.twoSided(0.05, 10).algorithm())
                .isEqualTo(KolmogorovDistribution.Algorithm.CLOSED_FORM);
        assertThat(KolmogorovDistribution.sf(1.0, 10)).isZero();
        assertThat(KolmogorovDistribution.logSf(1.0, 10)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(KolmogorovDistribution.oneSidedSf(0, 10)).isEqualTo(1.0);
        assertThat(KolmogorovDistribution.oneSidedSf(-0.5, 10)).isEqualTo(1.0);
        assertThat(KolmogorovDistribution.oneSidedLogSf(1.5, 10)).isEqualTo(Double.NEGATIVE_INFINITY);
        // n = 1: D = max(U, 1 - U), P(D >= d) = 2 (1 - d) for d >= 1/2; P(D+ >= d) = 1 - d
        assertThat(KolmogorovDistribution.sf(0.7, 1)).isCloseTo(0.6, within(1e-15));
        assertThat(KolmogorovDistribution.oneSidedSf(0.7, 1)).isCloseTo(0.3, within(1e-15));
        // just above 1/(2n) the recursion runs: P(D < d) = n! (2d - 1/n)^n (Ruben & Gambino 1982)
        double d = 0.05 + 1e-3;
        double cdf = 3628800 * Math.pow(2 * d - 0.1, 10);
        KolmogorovDistribution.Tail tail = KolmogorovDistribution.twoSided(d, 10);
        assertThat(tail.algorithm()).isEqualTo(KolmogorovDistribution.Algorithm.FIRST_PASSAGE);
        assertThat(1 - tail.p()).isCloseTo(cdf, within(1e-15));
        // log p below the double range: d >= 1 - 1/n gives 2 (1 - d)^n exactly
        assertThat(KolmogorovDistribution.sf(0.99995, 10000)).isZero();
        assertThat(KolmogorovDistribution.logSf(0.99995, 10000)).isCloseTo(
                Math.log(2) + 10000 * Math.log1p(-0.99995), within(1e-9));
    }

    @Test
    void rejectsBadInputNamingTheRuleAndValue() {
        assertThatThrownBy(() -> KolmogorovDistribution.twoSided(0.1, 0))
                .isInstanceOf(InvalidInputException.class).hasMessage("n is not at least 1: 0");
        assertThatThrownBy(() -> KolmogorovDistribution.oneSided(Double.NaN, 5))
                .isInstanceOf(InvalidInputException.class).hasMessage("d is NaN");
    }

    @Test
    void aTailThatCouldNotBeDeliveredIsReportedNotReplaced() {
        KolmogorovDistribution.Tail failed = KolmogorovDistribution.Tail.failed(
                KolmogorovDistribution.Algorithm.FIRST_PASSAGE, "check failed");
        assertThat(failed.delivered()).isFalse();
        assertThat(failed.exact()).isFalse();
        TestResult r = KolmogorovSmirnov.result(0.2, failed);
        assertThat(r.method()).isEqualTo(PValueMethod.UNAVAILABLE);
        assertThat(r.pValue()).isNaN();
        assertThat(r.reject(0.05)).isFalse();
    }
}
