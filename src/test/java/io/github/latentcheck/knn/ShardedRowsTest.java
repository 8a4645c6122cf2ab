package io.github.latentcheck.knn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.data.NpyShards;
import io.github.latentcheck.data.SampleFiles;
import io.github.latentcheck.data.Samples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A folder or glob of .npy shards read as one set of rows, in file-name order, identity (shard, row). */
class ShardedRowsTest {
    @TempDir
    Path dir;

    private static Samples random(SplittableRandom rng, int rows, int columns) {
        float[] v = new float[rows * columns];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) rng.nextGaussian();
        }
        return Samples.ofOwned(rows, columns, v);
    }

    /** Shards of 5, 2, 7 and 3 rows written under names whose string order is not their creation order. */
    private List<Samples> writeShards(Path folder) throws Exception {
        Files.createDirectories(folder);
        SplittableRandom rng = new SplittableRandom(3);
        int[] sizes = {5, 2, 7, 3};
        String[] names = {"part-0002.npy", "part-0000.npy", "part-0010.npy", "part-0001.npy"};
        List<String> sorted = List.of("part-0000.npy", "part-0001.npy", "part-0002.npy", "part-0010.npy");
        List<Samples> inOrder = new ArrayList<>(List.of(random(rng, 1, 4), random(rng, 1, 4), random(rng, 1, 4),
                random(rng, 1, 4)));
        for (int i = 0; i < sizes.length; i++) {
            Samples shard = random(rng, sizes[i], 4);
            SampleFiles.write(folder.resolve(names[i]), shard);
            inOrder.set(sorted.indexOf(names[i]), shard);
        }
        Files.writeString(folder.resolve("README.txt"), "not a shard");
        return inOrder;
    }

    @Test
    void aFolderIsItsNpyFilesInNameOrderAndRowsAreNumberedAcrossThem() throws Exception {
        Path folder = dir.resolve("shards");
        List<Samples> shards = writeShards(folder);
        ShardedRows rows = ShardedRows.open(folder);
        assertThat(rows.shards()).isEqualTo(4);
        assertThat(rows.rows()).isEqualTo(17);
        assertThat(Path.of(rows.shard(0).source()).getFileName()).hasToString("part-0000.npy");
        assertThat(Path.of(rows.shard(3).source()).getFileName()).hasToString("part-0010.npy");
        Samples all = Samples.stack(shards);
        double[] expected = all.toArray();
        double[] got = new double[expected.length];
        rows.copyBlock(0, 17, got, 0);
        assertThat(got).containsExactly(expected);
        float[] floats = new float[7 * 4];
        rows.copyBlock(1, 8, floats);
        for (int i = 0; i < floats.length; i++) {
            assertThat((double) floats[i]).isEqualTo(expected[4 + i]);
        }
        // part-0000 holds rows 0-1, part-0001 rows 2-4, part-0002 rows 5-9, part-0010 rows 10-16.
        assertThat(rows.shardOf(1)).isEqualTo(0);
        assertThat(rows.shardOf(2)).isEqualTo(1);
        assertThat(rows.rowInShard(2)).isZero();
        assertThat(rows.shardOf(16)).isEqualTo(3);
        assertThat(rows.rowInShard(16)).isEqualTo(6);
        assertThat(rows.rowLabel(11)).isEqualTo("part-0010.npy#1");
        assertThat(rows.slice(3, 8).row(0)).containsExactly(all.row(3));
    }

    @Test
    void aGlobSelectsShardsByFileName() throws Exception {
        Path folder = dir.resolve("shards");
        writeShards(folder);
        ShardedRows rows = ShardedRows.open(folder.resolve("part-000[01].npy"));
        assertThat(rows.shards()).isEqualTo(2);
        assertThat(rows.rows()).isEqualTo(5);
        assertThat(NpyShards.isSharded(folder.resolve("train.npy"))).isFalse();
        assertThat(NpyShards.isSharded(folder.resolve("*.npy"))).isTrue();
    }

    @Test
    void oneFileIsOneShardWithPlainRowLabels() throws Exception {
        Path file = dir.resolve("train.npy");
        SampleFiles.write(file, random(new SplittableRandom(1), 6, 2));
        ShardedRows rows = ShardedRows.open(file);
        assertThat(rows.shards()).isEqualTo(1);
        assertThat(rows.rowLabel(4)).isEqualTo("#4");
    }

    @Test
    void shardsThatDifferInColumnsOrDtypeAreRefusedNamingBoth() throws Exception {
        Path folder = dir.resolve("mixed");
        Files.createDirectories(folder);
        SplittableRandom rng = new SplittableRandom(2);
        SampleFiles.write(folder.resolve("a.npy"), random(rng, 3, 4));
        SampleFiles.write(folder.resolve("b.npy"), random(rng, 3, 5));
        assertThatThrownBy(() -> ShardedRows.open(folder)).isInstanceOf(InvalidInputException.class)
                .hasMessage(folder.resolve("b.npy") + ": shard has 5 columns of float32 but the first shard "
                        + folder.resolve("a.npy") + " has 4 columns of float32");
        Files.delete(folder.resolve("b.npy"));
        SampleFiles.write(folder.resolve("c.npy"), Samples.ofOwned(2, 4, new double[8]));
        assertThatThrownBy(() -> ShardedRows.open(folder)).isInstanceOf(InvalidInputException.class)
                .hasMessage(folder.resolve("c.npy") + ": shard has 4 columns of float64 but the first shard "
                        + folder.resolve("a.npy") + " has 4 columns of float32");
    }

    @Test
    void aFolderWithoutShardsOrAGlobThatMatchesNothingIsRefused() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertThatThrownBy(() -> ShardedRows.open(empty)).isInstanceOf(InvalidInputException.class)
                .hasMessage(empty + ": no shard matches *.npy in the folder");
        assertThatThrownBy(() -> ShardedRows.open(empty.resolve("x_*.npy"))).isInstanceOf(InvalidInputException.class)
                .hasMessage(empty.resolve("x_*.npy") + ": no shard matches x_*.npy");
        assertThatThrownBy(() -> ShardedRows.open(dir.resolve("missing/x_*.npy")))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith(dir.resolve("missing/x_*.npy")
                        + ": no such folder");
    }

    @Test
    void mergingTheSearchesOfSlicesGivesTheSearchOfAllRowsTiesToTheLowestIndex() throws Exception {
        Path folder = dir.resolve("ties");
        Files.createDirectories(folder);
        SplittableRandom rng = new SplittableRandom(9);
        Samples a = random(rng, 40, 8);
        // The second shard repeats the first, so every row has a twin at the same distance.
        SampleFiles.write(folder.resolve("s0.npy"), a);
        SampleFiles.write(folder.resolve("s1.npy"), a);
        SampleFiles.write(folder.resolve("s2.npy"), random(rng, 25, 8));
        ShardedRows rows = ShardedRows.open(folder);
        Samples queries = Samples.stack(List.of(a.slice(0, 10), random(rng, 20, 8)));
        NearestNeighborSearch search = NearestNeighborSearch.withDefaults().withK(5);
        Neighbors whole = search.search(queries, rows);
        Neighbors merged = null;
        for (int from = 0; from < rows.rows(); from += 17) {
            int to = Math.min(rows.rows(), from + 17);
            Neighbors part = search.withK(Math.min(5, to - from)).search(queries, rows.slice(from, to)).shifted(from);
            merged = merged == null ? part : Neighbors.merge(part, merged, 5);
        }
        for (int q = 0; q < queries.rows(); q++) {
            for (int r = 0; r < 5; r++) {
                assertThat(merged.index(q, r)).isEqualTo(whole.index(q, r));
                assertThat(merged.distance(q, r)).isEqualTo(whole.distance(q, r));
            }
        }
        // A copy of row 3 of s0 is at distance 0 from rows 3 and 43 (its twin in s1): the lower comes first.
        assertThat(whole.index(3, 0)).isEqualTo(3);
        assertThat(whole.index(3, 1)).isEqualTo(43);
        assertThat(whole.distance(3, 1)).isZero();
    }
}
