package io.github.latentcheck.bench;

import com.sun.management.OperatingSystemMXBean;
import io.github.latentcheck.stats.AndersonDarling;
import io.github.latentcheck.stats.CentralMoments;
import io.github.latentcheck.stats.CramerVonMises;
import io.github.latentcheck.stats.KolmogorovSmirnov;
import io.github.latentcheck.stats.MomentTests;
import io.github.latentcheck.stats.Permutations;
import io.github.latentcheck.stats.TestResult;
import io.github.latentcheck.stats.TwoSampleDistance;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.function.Supplier;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Benchmarks of the statistics (issue #3): the two-sample KS test (10⁶ × 10⁶ values, asymptotic; and the
 * exact lattice computation at growing n·m), the univariate battery (KS, AD, CvM and the four moment
 * tests on 10⁶ values against N(0, 1)) and MMD with B = 999 permutations on 2 × 2,000 rows of 64
 * dimensions. Run with the jar and the test classes:
 *
 * <pre>
 * mvn -B -q package -DskipTests
 * java -cp target/latentcheck.jar:target/test-classes io.github.latentcheck.bench.StatsBench [REPS THREADS]
 * </pre>
 *
 * Defaults: 5 repetitions after 3 warm-up runs, MMD on 2 threads. Prints each repetition's wall and
 * process CPU time (a shared machine inflates wall time) and the best wall time per task.
 */
public final class StatsBench {
    private static final OperatingSystemMXBean OS = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private StatsBench() {
    }

    /**
     * @param args repetitions and MMD threads (each optional)
     */
    public static void main(String[] args) {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(RandomSource.XO_SHI_RO_256_PP.create(11L));
        double[] x = gaussian(1_000_000, g, 0);
        double[] y = gaussian(1_000_000, g, 0.002);
        time("KS two-sample 1e6 x 1e6 (asymptotic, sorting included)", reps,
                () -> KolmogorovSmirnov.twoSample(x, y).result());
        for (int n : new int[] {1000, 3162, 10_000}) {
            double[] a = gaussian(n, g, 0);
            double[] b = gaussian(n, g, 0.05);
            time("KS two-sample exact " + n + " x " + n, reps, () -> KolmogorovSmirnov.twoSample(a, b).result());
        }
        double[] rounded = new double[20_000];
        double[] roundedY = new double[5_000];
        for (int i = 0; i < rounded.length; i++) {
            rounded[i] = Math.rint(10 * x[i]);
        }
        for (int i = 0; i < roundedY.length; i++) {
            roundedY[i] = Math.rint(10 * y[i]);
        }
        time("KS two-sample exact with ties 20000 x 5000 (0.1 grid)", reps,
                () -> KolmogorovSmirnov.twoSample(rounded, roundedY).result());
        NormalDistribution normal = NormalDistribution.of(0, 1);
        CentralMoments moments = CentralMoments.gaussian(0, 1);
        time("battery on 1e6 values: KS + AD + CvM + mean, variance, skewness, kurtosis", reps, () -> {
            KolmogorovSmirnov.oneSample(x, normal::cumulativeProbability);
            AndersonDarling.oneSample(x, normal);
            CramerVonMises.oneSample(x, normal);
            MomentTests.mean(x, moments);
            MomentTests.variance(x, moments);
            MomentTests.skewness(x, moments);
            return MomentTests.kurtosis(x, moments);
        });
        time("  KS one-sample 1e6", reps, () -> KolmogorovSmirnov.oneSample(x, normal::cumulativeProbability));
        time("  AD one-sample 1e6", reps, () -> AndersonDarling.oneSample(x, normal));
        time("  CvM one-sample 1e6", reps, () -> CramerVonMises.oneSample(x, normal));
        time("  four moment tests 1e6", reps, () -> {
            MomentTests.mean(x, moments);
            MomentTests.variance(x, moments);
            MomentTests.skewness(x, moments);
            return MomentTests.kurtosis(x, moments);
        });
        double[] u = gaussian(2000 * 64, g, 0);
        double[] v = gaussian(2000 * 64, g, 0);
        time("MMD B = 999, 2 x 2000 rows x 64 dims, " + threads + " threads", Math.min(reps, 3),
                () -> TwoSampleDistance.mmd(u, v, 64, Permutations.of(999, 5L).withThreads(threads)));
    }

    private static void time(String name, int reps, Supplier<TestResult> task) {
        for (int w = 0; w < 3; w++) {
            task.get();
        }
        double best = Double.POSITIVE_INFINITY;
        for (int r = 0; r < reps; r++) {
            long cpu0 = OS.getProcessCpuTime();
            long t0 = System.nanoTime();
            TestResult result = task.get();
            double seconds = (System.nanoTime() - t0) / 1e9;
            double cpu = (OS.getProcessCpuTime() - cpu0) / 1e9;
            best = Math.min(best, seconds);
            System.out.printf(Locale.ROOT, "%s: %.4f s wall, %.4f s CPU (%s)%n", name, seconds, cpu, result);
        }
        System.out.printf(Locale.ROOT, "%s: best of %d: %.4f s%n", name, reps, best);
    }

    private static double[] gaussian(int n, ZigguratSampler.NormalizedGaussian g, double shift) {
        double[] x = new double[n];
        for (int i = 0; i < x.length; i++) {
            x[i] = g.sample() + shift;
        }
        return x;
    }
}
