package io.github.latentcheck.bench;

import io.github.latentcheck.data.Latents;
import io.github.latentcheck.generator.OnnxGenerator;
import io.github.latentcheck.prior.GaussianPrior;
import io.github.latentcheck.prior.LatentSampler;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Throughput of the onnx generator on the digits VAE (16 → 64), in rows per second, for several
 * batch sizes. Not a test: run it by hand (see docs/benchmarks.md):
 *
 * <pre>
 * mvn -B -q -DskipTests package
 * java -Xss16m -cp target/latentcheck.jar:target/test-classes io.github.latentcheck.bench.OnnxThroughputBench [threads]
 * </pre>
 *
 * Each batch size runs 3 warm-up passes and 5 measured passes over 262,144 latent rows; the median
 * pass is printed.
 */
public final class OnnxThroughputBench {
    private static final int ROWS = 1 << 18;

    private OnnxThroughputBench() {
    }

    /**
     * @param args optional: ONNX Runtime intra-op threads (default 1)
     */
    public static void main(String[] args) {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        Latents z = LatentSampler.sample(GaussianPrior.of(16), ROWS, 1L, 1);
        System.out.printf(Locale.ROOT, "digits-vae-gaussian, %d rows per pass, intra-op threads %d%n", ROWS, threads);
        System.out.printf(Locale.ROOT, "%8s %14s%n", "batch", "rows/s");
        for (int batch : new int[] {256, 1024, 4096, 8192}) {
            try (OnnxGenerator g = OnnxGenerator.open(Path.of("fixtures/models/digits-vae-gaussian.onnx"), null, null,
                    batch, threads)) {
                double[] rates = new double[8];
                for (int pass = 0; pass < rates.length; pass++) {
                    long t0 = System.nanoTime();
                    for (int from = 0; from < ROWS; from += batch) {
                        g.generate(z.slice(from, Math.min(ROWS, from + batch)));
                    }
                    rates[pass] = ROWS / ((System.nanoTime() - t0) / 1e9);
                }
                double[] measured = Arrays.copyOfRange(rates, 3, rates.length);
                Arrays.sort(measured);
                System.out.printf(Locale.ROOT, "%8d %14.0f%n", batch, measured[measured.length / 2]);
            }
        }
    }
}
