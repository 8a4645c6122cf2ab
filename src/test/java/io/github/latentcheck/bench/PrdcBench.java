package io.github.latentcheck.bench;

import com.sun.management.OperatingSystemMXBean;
import io.github.latentcheck.data.SampleFiles;
import io.github.latentcheck.data.Samples;
import io.github.latentcheck.internal.coverage.Prdc;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;

/**
 * The PRDC benchmark: N real and M generated rows of D standard-normal columns (seeded), k = 5 and
 * k = 3, timed over repetitions after warm-up. Run with the jar and the test classes:
 *
 * <pre>
 * mvn -B -q package -DskipTests
 * java --add-modules jdk.incubator.vector -cp target/latentcheck.jar:target/test-classes \
 *     io.github.latentcheck.bench.PrdcBench [N M D THREADS REPS]
 * </pre>
 *
 * Defaults: 10000 10000 64 2 3. Or {@code PrdcBench REAL.npy GENERATED.npy [THREADS REPS]}: those rows
 * instead (as {@code bench/audit-vs-faiss.sh} runs it, on the files its faiss script reads). Prints one
 * line per repetition (wall and process CPU time, since a shared machine inflates wall time) and the
 * best wall time.
 */
public final class PrdcBench {
    private PrdcBench() {
    }

    /**
     * @param args N, M, D, threads, repetitions (each optional)
     */
    public static void main(String[] args) {
        boolean files = args.length > 1 && args[0].endsWith(".npy");
        int threadsAt = files ? 2 : 3;
        int threads = args.length > threadsAt ? Integer.parseInt(args[threadsAt]) : 2;
        int reps = args.length > threadsAt + 1 ? Integer.parseInt(args[threadsAt + 1]) : 3;
        Samples real;
        Samples generated;
        if (files) {
            real = SampleFiles.readSamples(Path.of(args[0]));
            generated = SampleFiles.readSamples(Path.of(args[1]));
        } else {
            int d = args.length > 2 ? Integer.parseInt(args[2]) : 64;
            ZigguratSampler.NormalizedGaussian g =
                    ZigguratSampler.NormalizedGaussian.of(RandomSource.XO_SHI_RO_256_PP.create(7L));
            real = gaussian(args.length > 0 ? Integer.parseInt(args[0]) : 10_000, d, g);
            generated = gaussian(args.length > 1 ? Integer.parseInt(args[1]) : 10_000, d, g);
        }
        int n = real.rows();
        int m = generated.rows();
        int d = real.columns();
        Prdc prdc = Prdc.withDefaults().withThreads(threads);
        prdc.compute(head(real, Math.min(n, 1000)), head(generated, Math.min(m, 1000)));
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        double best = Double.POSITIVE_INFINITY;
        for (int r = 0; r < reps; r++) {
            long cpu0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            Prdc.Result result = prdc.compute(real, generated);
            double seconds = (System.nanoTime() - t0) / 1e9;
            double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
            best = Math.min(best, seconds);
            System.out.printf(Locale.ROOT, "PRDC %d x %d x %d on %d threads: %.3f s wall, %.3f s CPU (precision %.4f, "
                    + "recall %.4f, density %.4f, coverage %.4f)%n", n, m, d, threads, seconds, cpu, result.precision(),
                    result.recall(), result.density(), result.coverage());
        }
        System.out.printf(Locale.ROOT, "best of %d: %.3f s%n", reps, best);
    }

    /** @return rows of standard-normal values drawn from {@code g}, as float32 */
    static Samples gaussian(int rows, int columns, ZigguratSampler.NormalizedGaussian g) {
        float[] x = new float[rows * columns];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) g.sample();
        }
        return Samples.ofOwned(rows, columns, x);
    }

    private static Samples head(Samples s, int rows) {
        float[] x = new float[rows * s.columns()];
        System.arraycopy(s.toFloatArray(), 0, x, 0, x.length);
        return Samples.ofOwned(rows, s.columns(), x);
    }
}
