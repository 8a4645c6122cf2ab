package io.github.latentcheck.bench;

import com.sun.management.OperatingSystemMXBean;
import io.github.latentcheck.data.SampleFiles;
import io.github.latentcheck.data.Samples;
import io.github.latentcheck.engine.SharedSpark;
import io.github.latentcheck.knn.ParquetRows;
import io.github.latentcheck.knn.ReferenceRows;
import io.github.latentcheck.knn.ShardedRows;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.spark.sql.functions;

/**
 * What reading Parquet costs the local engine beside mapped {@code .npy} shards: the same N × D
 * float32 rows in F snappy Parquet files (Spark's default 128 MB row groups) and in F {@code .npy}
 * shards, each scanned whole in blocks of 4,096 rows as the search reads them
 * ({@link ReferenceRows#copyBlock(int, int, float[])}), in interleaved rounds. Run with the jar, the
 * test classes and Spark's jars (which write the files and bring parquet-hadoop):
 *
 * <pre>
 * mvn -B -q -o package -DskipTests -Dinvoker.skip
 * mvn -B -q -o dependency:build-classpath -Dmdep.includeScope=provided -Dmdep.outputFile=target/spark-classpath.txt
 * java -Xmx4g -cp target/latentcheck.jar:target/test-classes:$(cat target/spark-classpath.txt) \
 *     io.github.latentcheck.bench.ParquetBench [N D F ROUNDS DIR]
 * </pre>
 *
 * Defaults: 1000000 128 4 3 /tmp/latentcheck-parquet (512 MB of values; the files are kept for the
 * next run and written anew when N, D or F change). Values are a deterministic hash of (row, column),
 * so Spark writes them without holding them on the driver. Prints one line per round and reader (wall
 * and process CPU time, rows per CPU second) and checks that both readers return the same values.
 */
public final class ParquetBench {
    private static final int BLOCK = 4096;

    private ParquetBench() {
    }

    /**
     * @param args N, D, F, rounds, folder (each optional)
     * @throws IOException if the files cannot be written
     */
    public static void main(String[] args) throws IOException {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int d = args.length > 1 ? Integer.parseInt(args[1]) : 128;
        int files = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        Path dir = Path.of(args.length > 4 ? args[4] : "/tmp/latentcheck-parquet").resolve(n + "x" + d + "x" + files);
        Path parquet = dir.resolve("parquet");
        Path npy = dir.resolve("npy");
        if (!Files.isDirectory(npy)) {
            long t0 = System.nanoTime();
            SharedSpark.session().range(0, n, 1, files).select(functions.col("id"), functions.expr(
                    "transform(sequence(0, " + (d - 1) + "), j -> cast((pmod(hash(id, j), 2000001) - 1000000) / 1e6 "
                            + "as float)) as emb")).write().option("compression", "snappy").parquet(parquet.toString());
            ParquetRows written = ParquetRows.open(parquet, "emb");
            Files.createDirectories(npy);
            for (int f = 0; f < written.shards(); f++) {
                int rows = written.file(f).rows();
                float[] values = new float[rows * d];
                written.slice(written.start(f), written.start(f) + rows).copyBlock(0, rows, values);
                SampleFiles.write(npy.resolve(String.format(Locale.ROOT, "part_%04d.npy", f)),
                        Samples.ofOwned(rows, d, values));
            }
            System.out.printf(Locale.ROOT, "wrote %d x %d in %d files to %s in %.1f s%n", n, d, files, dir,
                    (System.nanoTime() - t0) / 1e9);
        }
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        double[] sums = new double[2];
        for (int round = 0; round < rounds; round++) {
            for (int reader = 0; reader < 2; reader++) {
                ReferenceRows rows = reader == 0 ? ParquetRows.open(parquet, "emb") : ShardedRows.open(npy);
                long cpu0 = os.getProcessCpuTime();
                long t0 = System.nanoTime();
                float[] block = new float[BLOCK * d];
                double sum = 0;
                for (int from = 0; from < rows.rows(); from += BLOCK) {
                    int to = Math.min(rows.rows(), from + BLOCK);
                    rows.copyBlock(from, to, block);
                    sum += block[0] + block[(to - from) * d - 1];
                }
                double wall = (System.nanoTime() - t0) / 1e9;
                double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
                sums[reader] = sum;
                System.out.printf(Locale.ROOT, "round %d %-7s %d x %d: %.2f s wall, %.2f s CPU, %.0f rows per CPU "
                        + "second%n", round, reader == 0 ? "parquet" : "npy", rows.rows(), d, wall, cpu, rows.rows() / cpu);
            }
            if (sums[0] != sums[1]) {
                throw new IllegalStateException("the readers disagree: " + sums[0] + " != " + sums[1]);
            }
        }
    }
}
