package io.github.latentcheck.knn;

/**
 * The rows searched, read block by block into the kernel's packed layout. The in-memory
 * implementation wraps a row-major {@code float[]}; the interface leaves room for a memory-mapped
 * one, which would also need the search to pack blocks on demand instead of all at once.
 */
interface ReferenceRows {
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
     */
    void copyBlock(int from, int to, float[] dst);

    /**
     * @param rowMajor {@code rows * columns} values, not copied
     * @param rows the number of rows
     * @param columns the values per row
     * @return the rows backed by that array
     */
    static ReferenceRows of(float[] rowMajor, int rows, int columns) {
        return new ReferenceRows() {
            @Override
            public int rows() {
                return rows;
            }

            @Override
            public int columns() {
                return columns;
            }

            @Override
            public void copyBlock(int from, int to, float[] dst) {
                System.arraycopy(rowMajor, from * columns, dst, 0, (to - from) * columns);
            }
        };
    }
}
