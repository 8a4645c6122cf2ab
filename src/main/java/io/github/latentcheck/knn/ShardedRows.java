package io.github.latentcheck.knn;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.data.MappedNpyFile;
import io.github.latentcheck.data.NpyShards;
import io.github.latentcheck.data.Precision;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Memory-mapped {@code .npy} shards read as one training set, shard after shard in the order given
 * ({@link NpyShards}: sorted by file name). Row {@code i} of the set is row {@code i − start(s)} of
 * the shard {@code s} that holds it, so ordering rows by index orders them by (shard, row); that is
 * the identity {@link #rowLabel(int)} reports. A single mapped file is a set of one shard.
 *
 * <p>Immutable and safe to read from several threads at once.
 */
public final class ShardedRows implements ReferenceRows {
    private final List<MappedNpyFile> shards;
    private final ShardStarts starts;

    private ShardedRows(List<MappedNpyFile> shards) {
        this.shards = shards;
        this.starts = ShardStarts.of(shards.stream().mapToInt(MappedNpyFile::rows).toArray());
    }

    /**
     * @param shards mapped shards with the same columns and precision, at least one
     * @return the shards as one set of rows
     * @throws InvalidInputException as {@link NpyShards#requireAlike(List)}
     */
    public static ShardedRows of(List<MappedNpyFile> shards) {
        NpyShards.requireAlike(shards);
        return new ShardedRows(List.copyOf(shards));
    }

    /**
     * @param path a folder of {@code .npy} shards, a glob, or one {@code .npy} file
     * @return its shards, mapped
     * @throws InvalidInputException as {@link NpyShards#open(Path)} or {@link MappedNpyFile#open(Path)}
     */
    public static ShardedRows open(Path path) {
        return of(NpyShards.isSharded(path) ? NpyShards.open(path) : List.of(MappedNpyFile.open(path)));
    }

    @Override
    public int shards() {
        return shards.size();
    }

    /**
     * @param shard a shard's number
     * @return the shard
     */
    public MappedNpyFile shard(int shard) {
        return shards.get(shard);
    }

    @Override
    public int start(int shard) {
        return starts.start(shard);
    }

    @Override
    public int shardOf(int row) {
        return starts.shardOf(row);
    }

    @Override
    public int rows() {
        return starts.rows();
    }

    @Override
    public int columns() {
        return shards.get(0).columns();
    }

    @Override
    public Precision precision() {
        return shards.get(0).precision();
    }

    @Override
    public void copyBlock(int from, int to, float[] dst) {
        Objects.checkFromToIndex(from, to, rows());
        int d = columns();
        for (int row = from; row < to; ) {
            int s = shardOf(row);
            int end = Math.min(to, starts.end(s));
            shards.get(s).copyRows(row - starts.start(s), end - starts.start(s), dst, (row - from) * d);
            row = end;
        }
    }

    @Override
    public void copyBlock(int from, int to, double[] dst, int at) {
        Objects.checkFromToIndex(from, to, rows());
        int d = columns();
        for (int row = from; row < to; ) {
            int s = shardOf(row);
            int end = Math.min(to, starts.end(s));
            shards.get(s).copyRows(row - starts.start(s), end - starts.start(s), dst, at + (row - from) * d);
            row = end;
        }
    }

    /** @return {@code "#row"} for one shard; {@code "file.npy#row"} (the shard's file name, its row) for several */
    @Override
    public String rowLabel(int row) {
        if (shards.size() == 1) {
            return ReferenceRows.super.rowLabel(row);
        }
        int s = shardOf(row);
        return Path.of(shards.get(s).source()).getFileName() + "#" + (row - starts.start(s));
    }

    @Override
    public String toString() {
        return shards.size() == 1 ? shards.get(0).toString()
                : "ShardedRows[" + shards.size() + " shards from " + shards.get(0).source() + ", " + rows() + " x "
                        + columns() + ", " + precision() + "]";
    }
}
