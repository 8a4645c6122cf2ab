package io.github.latentcheck.stats;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Results must be identical on every JVM (issue 15): {@code Math.cbrt} and {@code Math.tanh} gave different
 * last digits on JDK 17 and JDK 25 (new intrinsics; over 2·10⁶ arguments each, log, exp, pow, sin, cos, tan,
 * sinh, cosh, log1p, expm1, atan, asin, acos and log10 agreed bit for bit), so the Anscombe–Glynn cube root
 * is {@link StrictMath#cbrt}. The expected bits were computed on JDK 17 and must hold on any JDK.
 */
class JvmIndependenceTest {
    /** The hash below, on JDK 17.0.15 and on JDK 25 (Temurin). */
    private static final long EXPECTED_HASH = 3674501218885034660L;

    /**
     * The Anscombe–Glynn statistics of 200 samples, hashed, computed 200 times: on JDK 25 {@code Math.cbrt} is
     * an intrinsic only once the JIT compiles the caller, so the first rounds (interpreted) and the later
     * ones (compiled) would disagree with each other as well as with JDK 17.
     */
    @Test
    void kurtosisStatisticsHaveTheSameBitsOnEveryJvmAndAfterCompilation() {
        for (int round = 0; round < 200; round++) {
            long hash = 0;
            for (int k = 0; k < 200; k++) {
                double[] x = new double[40];
                for (int i = 0; i < x.length; i++) {
                    x[i] = Math.sin(i * 0.7 + k) + 0.01 * i * i * (1 + k % 7);
                }
                hash = 31 * hash + Double.doubleToLongBits(MomentTests.kurtosis(x, CentralMoments.gaussian(0, 1)).statistic());
            }
            assertThat(hash).as("round %d", round).isEqualTo(EXPECTED_HASH);
        }
    }
}
