package io.github.latentcheck.knn;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.data.MappedNpyFile;
import io.github.latentcheck.data.Samples;
import java.util.Objects;

/**
 * Rows that {@link NearestNeighborSearch} reads block by block: in memory ({@link #of(Samples)}) or
 * memory-mapped from a {@code .npy} file ({@link #of(MappedNpyFile)}). The search copies and packs
 * only a bounded number of blocks at a time, so mapped rows never need to fit in the heap.
 */
public interface ReferenceRows {
    /** @return the number of rows */
    int rows();

    /** @return the values per row */
    int columns();

    /**
     * Copies rows {@code [from, to)} row-major into {@code dst} starting at index 0.
     *
     * @param from the first row
     * @param to one past the last row
     * @param dst the destination, with room for {@code (to − from) * columns()} values
     * @throws InvalidInputException if a value is not finite (mapped rows are checked here)
     */
    void copyBlock(int from, int to, float[] dst);

    /**
     * @param row the row index
     * @return the row's values (a new array)
     */
    default float[] row(int row) {
        float[] out = new float[columns()];
        copyBlock(Objects.checkIndex(row, rows()), row + 1, out);
        return out;
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
        Objects.requireNonNull(file, "file");
        return new ReferenceRows() {
            @Override
            public int rows() {
                return file.rows();
            }

            @Override
            public int columns() {
                return file.columns();
            }

            @Override
            public void copyBlock(int from, int to, float[] dst) {
                file.copyRows(from, to, dst);
            }

            @Override
            public String toString() {
                return file.toString();
            }
        };
    }
}
