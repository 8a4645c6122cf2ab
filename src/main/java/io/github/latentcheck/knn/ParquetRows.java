package io.github.latentcheck.knn;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.data.ParquetFile;
import io.github.latentcheck.data.ParquetFiles;
import io.github.latentcheck.data.Precision;
import io.github.latentcheck.data.Samples;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;

/**
 * Parquet files read as one training set, file after file in the order given ({@link ParquetFiles}:
 * sorted by file name). Row {@code i} of the set is row {@code i − start(f)} of the file {@code f}
 * that holds it, so ordering rows by index orders them by (file, row); {@link #rowLabel(int)} reports
 * that identity as {@code file.parquet#row}.
 *
 * <p>Rows are decoded a row group at a time ({@link ParquetFile#readGroup(int)}) and the most recently
 * used decoded groups are kept: at least {@value #CACHED_GROUPS}, and more while they hold less than
 * {@value #CACHED_BYTES} bytes. A search that walks the rows block by block (re-reading its candidates
 * of the current block exactly, for float64 rows) or reads rows in increasing order thus decodes
 * each row group about once per pass, whether the groups are smaller than a block or Spark's 128 MB,
 * and the heap holds a few row groups, never a file.
 *
 * <p>Safe to read from several threads at once (the cache is locked while a group is decoded).
 */
public final class ParquetRows implements ReferenceRows {
    /** Decoded row groups kept at least: enough for the search's workers on a few cores walking neighbouring blocks. */
    static final int CACHED_GROUPS = 4;
    /** Decoded bytes kept at most beyond {@link #CACHED_GROUPS} groups: many small groups may make up one block. */
    static final long CACHED_BYTES = 64L << 20;

    private final List<ParquetFile> files;
    private final ShardStarts starts;
    /** Decoded row groups by (file, group), least recently used first; {@link #cachedBytes} their size. */
    private final LinkedHashMap<Long, Samples> cache = new LinkedHashMap<>(16, 0.75f, true);
    private long cachedBytes;

    private ParquetRows(List<ParquetFile> files) {
        this.files = files;
        this.starts = ShardStarts.of(files.stream().mapToInt(ParquetFile::rows).toArray());
    }

    /**
     * @param files opened Parquet files with the same row length and precision, at least one
     * @return the files as one set of rows
     * @throws InvalidInputException as {@link ParquetFiles#requireAlike(List)}
     */
    public static ParquetRows of(List<ParquetFile> files) {
        ParquetFiles.requireAlike(files);
        return new ParquetRows(List.copyOf(files));
    }

    /**
     * @param path a {@code .parquet} file, a folder of them or a glob
     * @param column the column, or null for the only column of float or double arrays
     * @return the files' rows
     * @throws InvalidInputException as {@link ParquetFiles#open(Path, String)}
     */
    public static ParquetRows open(Path path, String column) {
        return of(ParquetFiles.open(path, column));
    }

    /**
     * @param file a file's number
     * @return the file
     */
    public ParquetFile file(int file) {
        return files.get(file);
    }

    @Override
    public int shards() {
        return files.size();
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
        return files.get(0).columns();
    }

    @Override
    public Precision precision() {
        return files.get(0).precision();
    }

    @Override
    public void copyBlock(int from, int to, float[] dst) {
        Objects.checkFromToIndex(from, to, rows());
        int d = columns();
        for (int row = from; row < to; ) {
            Segment at = segment(row, to);
            at.group().copyRows(at.from(), at.to(), dst, (row - from) * d);
            row += at.to() - at.from();
        }
    }

    @Override
    public void copyBlock(int from, int to, double[] dst, int at) {
        Objects.checkFromToIndex(from, to, rows());
        int d = columns();
        for (int row = from; row < to; ) {
            Segment part = segment(row, to);
            part.group().copyRows(part.from(), part.to(), dst, at + (row - from) * d);
            row += part.to() - part.from();
        }
    }

    /** @return {@code "file.parquet#row"}: the file's name and the row in it */
    @Override
    public String rowLabel(int row) {
        int f = shardOf(row);
        return Path.of(files.get(f).source()).getFileName() + "#" + (row - starts.start(f));
    }

    @Override
    public String toString() {
        return "ParquetRows[" + files.size() + " files from " + files.get(0).source() + ", column "
                + files.get(0).column() + ", " + rows() + " x " + columns() + ", " + precision() + "]";
    }

    /** Rows {@code [from, to)} of one decoded row group. */
    private record Segment(Samples group, int from, int to) {
    }

    /**
     * @return the part of rows {@code [row, end)} that lies in the row group holding {@code row} (the last
     *     group that starts at or before it: empty groups share their start with the next one)
     */
    private Segment segment(int row, int end) {
        int f = shardOf(row);
        ParquetFile file = files.get(f);
        int inFile = row - starts.start(f);
        int g = groupOf(file, inFile);
        int first = file.groupStart(g);
        int last = first + file.groupRows(g);
        return new Segment(group(f, g), inFile - first, Math.min(last, inFile + end - row) - first);
    }

    private static int groupOf(ParquetFile file, int row) {
        int low = 0;
        int high = file.groups() - 1;
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (file.groupStart(mid) <= row) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return low;
    }

    private synchronized Samples group(int file, int group) {
        long key = ((long) file << 32) | group;
        Samples rows = cache.get(key);
        if (rows == null) {
            rows = files.get(file).readGroup(group);
            cache.put(key, rows);
            cachedBytes += bytes(rows);
            for (var eldest = cache.entrySet().iterator(); cache.size() > CACHED_GROUPS && cachedBytes > CACHED_BYTES; ) {
                cachedBytes -= bytes(eldest.next().getValue());
                eldest.remove();
            }
        }
        return rows;
    }

    private static long bytes(Samples rows) {
        return (long) rows.rows() * rows.columns() * (rows.precision() == Precision.FLOAT32 ? Float.BYTES : Double.BYTES);
    }
}
