package io.github.latentcheck.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.data.SampleFiles;
import io.github.latentcheck.data.Samples;
import io.github.latentcheck.knn.Neighbors;
import io.github.latentcheck.knn.ReferenceRows;
import io.github.latentcheck.knn.ShardedRows;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark engine ({@code local[2]}, the shared test session) gives exactly the local engine's answers
 * on the same shards, cut into tasks of 250 rows that do not line up with the shards: indices and
 * distances equal bit for bit, ties (rows repeated in two shards) to the lowest (shard, row).
 */
class SparkEngineTest {
    private static final int COLUMNS = 24;

    @TempDir
    static Path dir;
    private static ShardedRows training;
    private static Samples queries;

    private static float[] gaussian(SplittableRandom rng, int rows) {
        float[] v = new float[rows * COLUMNS];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) rng.nextGaussian();
        }
        return v;
    }

    /** Shards of 600, 450 and 800 rows, the third starting with a copy of the first 100 rows of the first. */
    @BeforeAll
    static void writeShards() throws Exception {
        SharedSpark.session();
        SplittableRandom rng = new SplittableRandom(11);
        Path folder = Files.createDirectories(dir.resolve("train"));
        float[] first = gaussian(rng, 600);
        float[] third = gaussian(rng, 800);
        System.arraycopy(first, 0, third, 0, 100 * COLUMNS);
        SampleFiles.write(folder.resolve("emb_000.npy"), Samples.ofOwned(600, COLUMNS, first));
        SampleFiles.write(folder.resolve("emb_001.npy"), Samples.ofOwned(450, COLUMNS, gaussian(rng, 450)));
        SampleFiles.write(folder.resolve("emb_002.npy"), Samples.ofOwned(800, COLUMNS, third));
        training = ShardedRows.open(folder);
        float[] q = gaussian(rng, 150);
        System.arraycopy(first, 0, q, 0, 30 * COLUMNS);
        queries = Samples.ofOwned(150, COLUMNS, q);
    }

    private static Engine spark() {
        return Engines.spark("local[2]", 250);
    }

    @Test
    void nearestTrainingRowsAreTheLocalOnesBitForBit() {
        AtomicLong progress = new AtomicLong();
        Neighbors local = Engine.local().nearest(queries, training, 7, 2, rows -> { });
        Neighbors spark = spark().nearest(queries, training, 7, 2, rows -> progress.accumulateAndGet(rows, Math::max));
        for (int q = 0; q < queries.rows(); q++) {
            for (int r = 0; r < 7; r++) {
                assertThat(spark.index(q, r)).isEqualTo(local.index(q, r));
                assertThat(Double.doubleToRawLongBits(spark.distance(q, r)))
                        .isEqualTo(Double.doubleToRawLongBits(local.distance(q, r)));
            }
        }
        // Query 5 is row 5 of emb_000, repeated as row 5 of emb_002 (index 1055): both at 0, the lower first.
        assertThat(spark.index(5, 0)).isEqualTo(5);
        assertThat(spark.index(5, 1)).isEqualTo(1055);
        assertThat(spark.distance(5, 1)).isZero();
        assertThat(progress.get()).isEqualTo(queries.rows());
    }

    /** Two sets with their own k in one pass: each answer is the local engine's, bit for bit. */
    @Test
    void twoSetsOfQueriesWithTheirOwnKAreTheLocalAnswers() {
        Samples others = Samples.ofOwned(40, COLUMNS, gaussian(new SplittableRandom(12), 40));
        List<Engine.Queries> sets = List.of(new Engine.Queries(queries, 7), new Engine.Queries(others, 1));
        AtomicLong progress = new AtomicLong();
        List<Neighbors> local = Engine.local().nearest(sets, training, 2, rows -> { });
        List<Neighbors> spark = spark().nearest(sets, training, 2, rows -> progress.accumulateAndGet(rows, Math::max));
        assertThat(spark).hasSize(2);
        for (int set = 0; set < 2; set++) {
            Samples rows = sets.get(set).rows();
            int k = sets.get(set).k();
            assertThat(spark.get(set).k()).isEqualTo(k);
            for (int q = 0; q < rows.rows(); q++) {
                for (int r = 0; r < k; r++) {
                    assertThat(spark.get(set).index(q, r)).isEqualTo(local.get(set).index(q, r));
                    assertThat(Double.doubleToRawLongBits(spark.get(set).distance(q, r)))
                            .isEqualTo(Double.doubleToRawLongBits(local.get(set).distance(q, r)));
                }
            }
        }
        assertThat(progress.get()).isEqualTo(queries.rows() + others.rows());
    }

    /** The audit's one job for the neighbours and the membership count: the local engine's answers. */
    @Test
    void neighboursAndMembershipInOneJobAreTheLocalOnes() {
        Samples others = Samples.ofOwned(40, COLUMNS, gaussian(new SplittableRandom(13), 40));
        List<Engine.Queries> sets = List.of(new Engine.Queries(queries, 7), new Engine.Queries(others, 1));
        double[] holdout = new double[] {0, 0.5, 1, 2, 3, 4, 5, 6, 7, 8};
        AtomicLong progress = new AtomicLong();
        Engine.NearestAndMembership local = Engine.local().nearestAndMembership(sets, training, holdout, 2,
                rows -> { });
        Engine.NearestAndMembership spark = spark().nearestAndMembership(sets, training, holdout, 2,
                rows -> progress.accumulateAndGet(rows, Math::max));
        assertThat(spark.membershipCount()).isEqualTo(local.membershipCount())
                .isEqualTo(Engine.local().membershipCount(training, queries, holdout, 2, rows -> { }));
        for (int set = 0; set < 2; set++) {
            int k = sets.get(set).k();
            for (int q = 0; q < sets.get(set).rows().rows(); q++) {
                for (int r = 0; r < k; r++) {
                    assertThat(spark.nearest().get(set).index(q, r)).isEqualTo(local.nearest().get(set).index(q, r));
                    assertThat(Double.doubleToRawLongBits(spark.nearest().get(set).distance(q, r)))
                            .isEqualTo(Double.doubleToRawLongBits(local.nearest().get(set).distance(q, r)));
                }
            }
        }
        assertThat(progress.get()).isEqualTo(queries.rows() + others.rows() + training.rows());
    }

    @Test
    void theMembershipPassAndTheRangeAreTheLocalOnes() {
        double[] holdout = new double[] {0, 0.5, 1, 2, 3, 4, 5, 6, 7, 8};
        AtomicLong progress = new AtomicLong();
        long local = Engine.local().membershipCount(training, queries, holdout, 2, rows -> { });
        long spark = spark().membershipCount(training, queries, holdout, 2,
                rows -> progress.accumulateAndGet(rows, Math::max));
        assertThat(spark).isEqualTo(local);
        // 60 training rows (30 of emb_000 and their copies in emb_002) are queries: d = 0 scores 2·9 + 1.
        assertThat(local).isGreaterThanOrEqualTo(60L * 19).isLessThanOrEqualTo(2L * training.rows() * holdout.length);
        assertThat(progress.get()).isEqualTo(training.rows());
        assertThat(spark().range(training)).containsExactly(Engine.local().range(training));
    }

    /**
     * Progress is told as tasks finish: the rows of the slices done so far (slices of 250 rows cut in
     * shards of 600, 450 and 800), never more than the total, and the total at the end. Spark delivers
     * task events asynchronously, so which intermediate counts arrive is not fixed.
     */
    @Test
    void progressIsTheRowsOfTheFinishedSlices() {
        int[] slices = {250, 250, 100, 250, 200, 250, 250, 250, 50};
        boolean[] reachable = new boolean[training.rows() + 1];
        reachable[0] = true;
        for (int slice : slices) {
            for (int r = training.rows(); r >= slice; r--) {
                reachable[r] |= reachable[r - slice];
            }
        }
        List<Long> told = Collections.synchronizedList(new ArrayList<>());
        spark().membershipCount(training, queries, new double[] {1, 2}, 2, told::add);
        assertThat(told).isNotEmpty().allSatisfy(rows -> assertThat(reachable[Math.toIntExact(rows)]).isTrue());
        assertThat(told.get(told.size() - 1)).isEqualTo(training.rows());
    }

    @Test
    void aBadValueInAShardIsBadInputNamingTheShardRowAndColumn() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("bad"));
        float[] values = gaussian(new SplittableRandom(4), 300);
        values[123 * COLUMNS + 7] = Float.NaN;
        SampleFiles.write(folder.resolve("a.npy"), Samples.ofOwned(300, COLUMNS, gaussian(new SplittableRandom(5), 300)));
        Files.write(folder.resolve("b.npy"), npyWithNaN(values));
        ShardedRows bad = ShardedRows.open(folder);
        assertThatThrownBy(() -> spark().nearest(queries, bad, 3, 2, rows -> { }))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(folder.resolve("b.npy").toString()).hasMessageContaining("row 123");
    }

    @Test
    void withoutSparkOnTheClassPathTheEngineSaysSoInOneLine() {
        ClassLoader withoutSpark = new ClassLoader(null) { };
        assertThatThrownBy(() -> Engines.spark("local[2]", 10, withoutSpark)).isInstanceOf(InvalidInputException.class)
                .hasMessage("engine spark needs Apache Spark 4 (Scala 2.13) on the class path: run latentcheck "
                        + "through spark-submit (see docs/spark.md)");
        assertThatThrownBy(() -> Engines.of("gpu", null, 10)).isInstanceOf(InvalidInputException.class)
                .hasMessage("engine is not one of local, spark: 'gpu'");
    }

    @Test
    void rowsInMemoryAreRefused() {
        assertThatThrownBy(() -> spark().nearest(queries, ReferenceRows.of(queries), 1, 1,
                rows -> { })).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("engine spark reads the training rows from .npy files");
    }

    private static byte[] npyWithNaN(float[] values) throws java.io.IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        // Written by hand: SampleFiles.write refuses NaN, but a file from elsewhere may hold one.
        String header = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + values.length / COLUMNS + ", "
                + COLUMNS + "), }";
        StringBuilder padded = new StringBuilder(header);
        while ((10 + padded.length() + 1) % 64 != 0) {
            padded.append(' ');
        }
        padded.append('\n');
        out.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        out.write(padded.length() & 0xff);
        out.write(padded.length() >> 8);
        out.write(padded.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        java.nio.ByteBuffer data = java.nio.ByteBuffer.allocate(values.length * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            data.putFloat(v);
        }
        out.write(data.array());
        return out.toByteArray();
    }
}
