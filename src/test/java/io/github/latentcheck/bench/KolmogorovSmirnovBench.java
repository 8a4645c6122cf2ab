package io.github.latentcheck.bench;

import io.github.latentcheck.stats.Alternative;
import io.github.latentcheck.stats.KolmogorovDistribution;
import io.github.latentcheck.stats.KolmogorovSmirnov;
import io.github.latentcheck.stats.PValueChoice;
import io.github.latentcheck.stats.TestResult;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.inference.KolmogorovSmirnovTest;

/**
 * The one-sample Kolmogorov–Smirnov benchmark. Run with the jar and the test classes:
 *
 * <pre>
 * mvn -B -q package -DskipTests
 * java -cp target/latentcheck.jar:target/test-classes io.github.latentcheck.bench.KolmogorovSmirnovBench [N REPS]
 * </pre>
 *
 * Defaults: N = 1,000,000 seeded N(0, 1) values, 10 repetitions after 5 warm-up runs. Prints (1) the
 * whole two-sided test on N values against N(0, 1) (copy, sort, CDF, statistic, p-value), and, for
 * comparison, Commons Statistics' own test on the same values; (2) the one-sided test on N values;
 * (3) the time of {@link KolmogorovDistribution#twoSided} alone for n = 1,000 and 10,000 over
 * \(x = \sqrt{n} d\) from 0.3 to 3.6, where the exact recursion is slowest just before the switch to
 * \(2P^+\). Wall and thread CPU times are the median and best of the repetitions; a shared machine
 * inflates wall time, less so the CPU time of the (single-threaded) test.
 */
public final class KolmogorovSmirnovBench {
    private KolmogorovSmirnovBench() {
    }

    /**
     * @param args N and repetitions (each optional)
     */
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(RandomSource.XO_SHI_RO_256_PP.create(11L));
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = g.sample();
        }
        NormalDistribution normal = NormalDistribution.of(0, 1);
        KolmogorovSmirnovTest commons = KolmogorovSmirnovTest.withDefaults();
        TestResult[] last = new TestResult[1];
        time("latentcheck two-sided KS, n = " + n, reps, () -> last[0] = KolmogorovSmirnov.oneSample(x,
                normal::cumulativeProbability));
        System.out.printf(Locale.ROOT, "  result: %s%n", last[0]);
        time("Commons Statistics 1.2 two-sided KS, n = " + n, reps, () -> commons.test(x, normal::cumulativeProbability));
        time("latentcheck one-sided KS (D+), n = " + n, reps, () -> last[0] = KolmogorovSmirnov.oneSample(x,
                normal::cumulativeProbability, Alternative.GREATER, PValueChoice.AUTO));
        System.out.printf(Locale.ROOT, "  result: %s%n", last[0]);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int size : new int[] {1000, 10_000}) {
            double worst = 0;
            double worstX = 0;
            for (double z = 0.3; z <= 3.61; z += 0.1) {
                double d = z / Math.sqrt(size);
                KolmogorovDistribution.twoSided(d, size);
                long c0 = threads.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                KolmogorovDistribution.Tail tail = KolmogorovDistribution.twoSided(d, size);
                double ms = (System.nanoTime() - t0) / 1e6;
                double cpu = (threads.getCurrentThreadCpuTime() - c0) / 1e6;
                System.out.printf(Locale.ROOT, "  n = %d, x = %.1f: %.1f ms wall, %.1f ms CPU, %s%n", size, z, ms, cpu, tail);
                if (cpu > worst) {
                    worst = cpu;
                    worstX = z;
                }
            }
            System.out.printf(Locale.ROOT, "twoSided(d, %d): slowest %.1f ms CPU at x = %.1f%n", size, worst, worstX);
        }
    }

    private static void time(String label, int reps, Runnable run) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 5; i++) {
            run.run();
        }
        double[] ms = new double[reps];
        double[] cpu = new double[reps];
        for (int i = 0; i < reps; i++) {
            long c0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            run.run();
            ms[i] = (System.nanoTime() - t0) / 1e6;
            cpu[i] = (threads.getCurrentThreadCpuTime() - c0) / 1e6;
        }
        Arrays.sort(ms);
        Arrays.sort(cpu);
        System.out.printf(Locale.ROOT, "%s: wall median %.1f ms, best %.1f ms; thread CPU median %.1f ms, best %.1f ms"
                + " (%d runs)%n", label, ms[reps / 2], ms[0], cpu[reps / 2], cpu[0], reps);
    }
}
