package io.github.latentcheck.bench;

import io.github.latentcheck.data.SampleFiles;
import io.github.latentcheck.data.Samples;
import io.github.latentcheck.features.ImageFolder;
import io.github.latentcheck.features.OnnxFeatures;
import io.github.latentcheck.features.Preprocessing;
import io.github.latentcheck.features.ResizeFilter;
import io.github.latentcheck.internal.metrics.FrechetDistance;
import io.github.latentcheck.internal.metrics.KernelInceptionDistance;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;

/**
 * The feature stage's costs (docs/features.md): images per second through the fixture CNN, and FD and KID on
 * n × d features, with the heap they take. Not a test: run it by hand,
 *
 * <pre>
 * mvn -B -q -DskipTests package
 * java -Xmx8g -Xss16m -cp target/latentcheck.jar:target/test-classes io.github.latentcheck.bench.FeatureBench \
 *     [rows] [dim] [threads] [out-folder]
 * </pre>
 *
 * defaults 50,000 × 2,048, 2 threads; the two feature sets (N(0, I) and N(0.1, I), seeds 1 and 2) are written to
 * {@code out-folder} (default /tmp) as {@code bench-a.npy}, {@code bench-b.npy} for bench/feature_metrics_numpy.py.
 * Each timing is the median of 3 passes after one warm-up (images: 5 passes over the 1,200 training PNGs).
 */
public final class FeatureBench {
    private FeatureBench() {
    }

    /**
     * @param args rows, dimension, threads, output folder
     */
    public static void main(String[] args) {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        int dim = args.length > 1 ? Integer.parseInt(args[1]) : 2048;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        Path out = Path.of(args.length > 3 ? args[3] : "/tmp");
        images();
        Samples a = gaussian(rows, dim, 0, 1);
        Samples b = gaussian(rows, dim, 0.1, 2);
        SampleFiles.write(out.resolve("bench-a.npy"), a);
        SampleFiles.write(out.resolve("bench-b.npy"), b);
        System.out.printf(Locale.ROOT, "%d x %d float32 features per set, %d threads%n", rows, dim, threads);
        time("FD (fit both Gaussians, cross term by pivoted Cholesky and eigenvalues)", () -> FrechetDistance.distance(a, b));
        KernelInceptionDistance kid = KernelInceptionDistance.withDefaults().withThreads(threads).withPermutations(1)
                .withBootstrap(2);
        time("KID (100 subsets of 1000, torch-fidelity's)", () -> kid.compute(a, b).mean());
    }

    private static void images() {
        Preprocessing p = Preprocessing.of(Preprocessing.Layout.NCHW, 8, 8, 1, ResizeFilter.BILINEAR, 0, 1,
                new double[] {0.5}, new double[] {0.5});
        for (String folder : new String[] {"digits-train", "digits-generated"}) {
            ImageFolder images = ImageFolder.of(Path.of("fixtures/features/images", folder));
            for (int threads : new int[] {1, 2}) {
                try (OnnxFeatures f = OnnxFeatures.open(Path.of("fixtures/features/digits-cnn.onnx"), null, null, p,
                        256, threads)) {
                    double[] rates = new double[6];
                    for (int pass = 0; pass < rates.length; pass++) {
                        long t0 = System.nanoTime();
                        f.embed(images, done -> { });
                        rates[pass] = images.size() / ((System.nanoTime() - t0) / 1e9);
                    }
                    double[] measured = Arrays.copyOfRange(rates, 1, rates.length);
                    Arrays.sort(measured);
                    System.out.printf(Locale.ROOT, "%s (%d images, decode + resize + CNN), %d intra-op thread(s): "
                            + "%.0f images/s%n", folder, images.size(), threads, measured[measured.length / 2]);
                }
            }
        }
    }

    private static Samples gaussian(int rows, int dim, double mean, long seed) {
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(seed);
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        float[] v = new float[rows * dim];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (mean + g.sample());
        }
        return Samples.ofOwned(rows, dim, v);
    }

    private static void time(String what, java.util.function.DoubleSupplier task) {
        double[] seconds = new double[4];
        double value = 0;
        long heap = 0;
        for (int pass = 0; pass < seconds.length; pass++) {
            System.gc();
            Runtime rt = Runtime.getRuntime();
            long before = rt.totalMemory() - rt.freeMemory();
            long t0 = System.nanoTime();
            value = task.getAsDouble();
            seconds[pass] = (System.nanoTime() - t0) / 1e9;
            heap = Math.max(heap, rt.totalMemory() - rt.freeMemory() - before);
        }
        double[] measured = Arrays.copyOfRange(seconds, 1, seconds.length);
        Arrays.sort(measured);
        System.out.printf(Locale.ROOT, "%s: %.2f s (median of %d), value %.6g, heap grown by up to %d MB%n", what,
                measured[measured.length / 2], measured.length, value, heap >> 20);
    }
}
