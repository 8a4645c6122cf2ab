package io.github.latentcheck.knn;

import com.sun.management.OperatingSystemMXBean;
import io.github.latentcheck.data.Samples;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Times the k-NN search on Gaussian data (not a unit test). Run with {@code bench/knn-bench.sh};
 * arguments: {@code [repeats] [n,m,d ...]}, default 3 repeats of the shapes in docs/benchmarks.md.
 * Prints, per shape and k, the best wall time and the GFLOP/s-equivalent \(2nmd/t\), and the
 * same for the process CPU time (which a loaded machine disturbs less). With
 * {@code -Dknnbench.cold=true} the warm-up is skipped, so that {@code 1} repeat in a fresh JVM times
 * a one-shot run (such as a CLI command) with its JIT warm-up.
 */
public final class KnnBench {
    private static final String[] DEFAULT_SHAPES = {"10000,100000,64", "10000,1000000,16", "2000,100000,512",
        "100000,100000,2"};

    private static final OperatingSystemMXBean OS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private KnnBench() {
    }

    /**
     * @param args {@code [repeats] [n,m,d ...]}
     */
    public static void main(String[] args) {
        int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        String[] shapes = args.length > 1 ? Arrays.copyOfRange(args, 1, args.length) : DEFAULT_SHAPES;
        System.out.printf(Locale.ROOT, "kernel %s, %d threads, vector module %s%n",
                DistanceKernels.provider().getClass().getSimpleName(), Runtime.getRuntime().availableProcessors(),
                DistanceKernels.vectorAvailable() ? "present" : "absent");
        if (!Boolean.getBoolean("knnbench.cold")) {
            warmUp();
        }
        System.out.printf(Locale.ROOT, "%-22s %3s %10s %10s %10s %10s%n", "n x m x d", "k", "seconds", "GFLOP/s",
                "cpu s", "per cpu s");
        for (String shape : shapes) {
            String[] p = shape.split(",");
            int n = Integer.parseInt(p[0]);
            int m = Integer.parseInt(p[1]);
            int d = Integer.parseInt(p[2]);
            Samples queries = gaussian(1, n, d);
            Samples reference = gaussian(2, m, d);
            for (int k : new int[] {1, 5}) {
                double best = Double.POSITIVE_INFINITY;
                double bestCpu = Double.POSITIVE_INFINITY;
                for (int r = 0; r < repeats; r++) {
                    long cpu0 = OS.getProcessCpuTime();
                    long t0 = System.nanoTime();
                    NearestNeighborSearch.withDefaults().withK(k).search(queries, reference);
                    best = Math.min(best, (System.nanoTime() - t0) * 1e-9);
                    bestCpu = Math.min(bestCpu, (OS.getProcessCpuTime() - cpu0) * 1e-9);
                }
                double flop = 2.0 * n * m * d;
                System.out.printf(Locale.ROOT, "%-22s %3d %10.3f %10.1f %10.3f %10.1f%n", n + " x " + m + " x " + d, k,
                        best, flop / best * 1e-9, bestCpu, flop / bestCpu * 1e-9);
            }
        }
    }

    private static void warmUp() {
        for (int d : new int[] {2, 16, 64}) {
            Samples q = gaussian(3, 2000, d);
            Samples r = gaussian(4, 20000, d);
            for (int i = 0; i < 3; i++) {
                NearestNeighborSearch.withDefaults().withK(5).search(q, r);
            }
        }
    }

    private static Samples gaussian(long seed, int rows, int columns) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] v = new float[rows * columns];
        for (int i = 0; i < v.length; i++) {
            double u1 = 1 - rng.nextDouble();
            double u2 = rng.nextDouble();
            v[i] = (float) (Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2));
        }
        return Samples.ofOwned(rows, columns, v);
    }
}
