package io.github.latentcheck.knn;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.data.MappedNpyFile;
import io.github.latentcheck.data.ParquetFiles;
import io.github.latentcheck.data.Precision;
import io.github.latentcheck.data.Samples;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Rows that {@link NearestNeighborSearch} reads block by block: in memory ({@link #of(Samples)}) or
 * memory-mapped from a {@code .npy} file ({@link #of(MappedNpyFile)}). The search copies and packs
 * only a bounded number of blocks at a time, so mapped rows never need to fit in the heap.
 *
 * <p>Rows keep their {@link Precision}. The search screens them in float32 ({@link
 * #copyBlock(int, int, float[])}) and measures the survivors exactly from the values as given
 * ({@link #copyBlock(int, int, double[], int)}).
 */
public interface ReferenceRows {
    /** @return the number of rows */
    int rows();

    /** @return the values per row */
    int columns();

    /** @return the precision of the values */
    Precision precision();

    /**
     * Copies rows {@code [from, to)} row-major into {@code dst} starting at index 0, as float32:
     * exact for float32 rows, rounded to the nearest float32 (infinite beyond its range) for float64
     * rows.
     *
     * @param from the first row
     * @param to one past the last row
     * @param dst the destination, with room for {@code (to − from) * columns()} values
     * @throws InvalidInputException if a value is not finite (mapped rows are checked here)
     */
    void copyBlock(int from, int to, float[] dst);

    /**
     * Copies rows {@code [from, to)} row-major into {@code dst} starting at index {@code at}, exactly.
     *
     * @param from the first row
     * @param to one past the last row
     * @param dst the destination, with room for {@code (to − from) * columns()} values from {@code at}
     * @param at the first index written
     * @throws InvalidInputException if a value is not finite (mapped rows are checked here)
     */
    void copyBlock(int from, int to, double[] dst, int at);

    /**
     * @param row the row index
     * @return the row's values, exactly (a new array)
     */
    default double[] row(int row) {
        double[] out = new double[columns()];
        copyBlock(Objects.checkIndex(row, rows()), row + 1, out, 0);
        return out;
    }

    /** @return the number of files (shards) the rows come from: 1 unless they are read from several files */
    default int shards() {
        return 1;
    }

    /**
     * @param shard a shard's number
     * @return the index of its first row in the whole set
     */
    default int start(int shard) {
        Objects.checkIndex(shard, shards());
        return 0;
    }

    /**
     * @param row a row index in the whole set
     * @return the number of the shard that holds it
     */
    default int shardOf(int row) {
        Objects.checkIndex(row, rows());
        return 0;
    }

    /**
     * @param row a row index in the whole set
     * @return its row number within its shard
     */
    default int rowInShard(int row) {
        return row - start(shardOf(row));
    }

    /**
     * @param row a row index
     * @return how reports name the row: {@code "#row"}, or where sharded rows come from
     *     ({@link ShardedRows#rowLabel(int)}, {@link ParquetRows#rowLabel(int)})
     */
    default String rowLabel(int row) {
        return "#" + row;
    }

    /**
     * @param from the first row
     * @param to one past the last row
     * @return rows {@code [from, to)} as rows {@code [0, to − from)}, read through from these rows
     */
    default ReferenceRows slice(int from, int to) {
        Objects.checkFromToIndex(from, to, rows());
        ReferenceRows all = this;
        return new ReferenceRows() {
            @Override
            public int rows() {
                return to - from;
            }

            @Override
            public int columns() {
                return all.columns();
            }

            @Override
            public Precision precision() {
                return all.precision();
            }

            @Override
            public void copyBlock(int start, int end, float[] dst) {
                Objects.checkFromToIndex(start, end, rows());
                all.copyBlock(from + start, from + end, dst);
            }

            @Override
            public void copyBlock(int start, int end, double[] dst, int at) {
                Objects.checkFromToIndex(start, end, rows());
                all.copyBlock(from + start, from + end, dst, at);
            }

            @Override
            public String toString() {
                return all + "[" + from + ", " + to + ")";
            }
        };
    }

    /**
     * @param samples rows in memory
     * @return the same rows
     * @throws InvalidInputException if a value is not finite
     */
    static ReferenceRows of(Samples samples) {
        return SamplesRows.of(samples, "reference rows");
    }

    /**
     * @param file a mapped {@code .npy} matrix
     * @return its rows, read (and checked to be finite) as the search reaches them
     */
    static ReferenceRows of(MappedNpyFile file) {
        return ShardedRows.of(List.of(Objects.requireNonNull(file, "file")));
    }

    /**
     * Opens a training set that is streamed rather than read into the heap.
     *
     * @param path Parquet ({@link ParquetFiles#isParquet(Path)}: a file, folder or glob), or {@code .npy}
     *     (one file, a folder of shards or a glob)
     * @param column the Parquet column to read, or null for the only column of float or double arrays
     * @return the rows: {@link ParquetRows} or {@link ShardedRows}
     * @throws InvalidInputException as {@link ParquetRows#open(Path, String)} and {@link ShardedRows#open(Path)},
     *     or if a column is given for rows that are not Parquet
     */
    static ReferenceRows open(Path path, String column) {
        if (ParquetFiles.isParquet(path)) {
            return ParquetRows.open(path, column);
        }
        if (column != null) {
            throw new InvalidInputException(path + ": training column " + column + " is for Parquet training files, "
                    + "and this is not one");
        }
        return ShardedRows.open(path);
    }
}
