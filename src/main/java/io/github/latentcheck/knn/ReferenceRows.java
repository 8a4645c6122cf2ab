package io.github.latentcheck.knn;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.data.MappedNpyFile;
import io.github.latentcheck.data.Precision;
import io.github.latentcheck.data.Samples;
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

    /**
     * @param row a row index
     * @return how reports name the row: {@code "#row"}, or where sharded rows come from
     *     ({@link ShardedRows#rowLabel(int)})
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
}
