package io.github.latentcheck.bench;

import com.sun.management.OperatingSystemMXBean;
import io.github.latentcheck.data.Samples;
import io.github.latentcheck.knn.NearestNeighborSearch;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;

/**
 * The audit's k = 50 search alone: Q query rows (the samples and held-out rows together) among T
 * training rows of D standard-normal columns (seeded), timed over repetitions after a warm-up. It uses
 * the public search API only, so the same class runs against a jar built from any commit: that is how
 * docs/benchmarks.md compares the k = 50 upkeep of two versions (interleaved processes). Run with the
 * jar and the test classes:
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp target/latentcheck.jar:target/test-classes \
 *     io.github.latentcheck.bench.AuditSearchBench [Q T D K THREADS REPS [cold]]
 * </pre>
 *
 * Defaults: 20000 200000 64 50 2 3. Prints one line per repetition (wall and process CPU time) and the
 * best of each. With {@code cold} there is no warm-up search, so the first repetition is the first
 * search of the JVM, as in a command-line run.
 */
public final class AuditSearchBench {
    private AuditSearchBench() {
    }

    /**
     * @param args Q, T, D, K, threads, repetitions, {@code cold} (each optional)
     */
    public static void main(String[] args) {
        int q = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int t = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        int d = args.length > 2 ? Integer.parseInt(args[2]) : 64;
        int k = args.length > 3 ? Integer.parseInt(args[3]) : 50;
        int threads = args.length > 4 ? Integer.parseInt(args[4]) : 2;
        int reps = args.length > 5 ? Integer.parseInt(args[5]) : 3;
        ZigguratSampler.NormalizedGaussian g =
                ZigguratSampler.NormalizedGaussian.of(RandomSource.XO_SHI_RO_256_PP.create(21L));
        Samples queries = PrdcBench.gaussian(q, d, g);
        Samples training = PrdcBench.gaussian(t, d, g);
        NearestNeighborSearch search = NearestNeighborSearch.withDefaults().withK(k).withThreads(threads);
        if (!(args.length > 6 && args[6].equals("cold"))) {
            search.search(PrdcBench.gaussian(Math.min(q, 1000), d, g), training);
        }
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        double best = Double.POSITIVE_INFINITY;
        double bestCpu = Double.POSITIVE_INFINITY;
        for (int r = 0; r < reps; r++) {
            long cpu0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            double first = search.search(queries, training).distance(0, 0);
            double seconds = (System.nanoTime() - t0) / 1e9;
            double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
            best = Math.min(best, seconds);
            bestCpu = Math.min(bestCpu, cpu);
            System.out.printf(Locale.ROOT, "k = %d search %d x %d x %d on %d threads: %.3f s wall, %.3f s CPU "
                    + "(first distance %.6f)%n", k, q, t, d, threads, seconds, cpu, first);
        }
        System.out.printf(Locale.ROOT, "best of %d: %.3f s wall, %.3f s CPU%n", reps, best, bestCpu);
    }
}
