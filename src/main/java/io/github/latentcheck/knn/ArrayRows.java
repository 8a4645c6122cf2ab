package io.github.latentcheck.knn;

import io.github.latentcheck.InvalidInputException;

/** {@link ReferenceRows} over a row-major {@code float[]}, not copied. */
final class ArrayRows implements ReferenceRows {
    private final float[] rowMajor;
    private final int rows;
    private final int columns;

    /**
     * @param rowMajor {@code rows * columns} values, not copied
     * @param rows the number of rows
     * @param columns the values per row
     */
    ArrayRows(float[] rowMajor, int rows, int columns) {
        this.rowMajor = rowMajor;
        this.rows = rows;
        this.columns = columns;
    }

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

    /**
     * @param values row-major values
     * @param columns values per row
     * @param name what to call the rows in the message
     * @throws InvalidInputException at the first value that is not finite
     */
    static void requireFinite(float[] values, int columns, String name) {
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new InvalidInputException(name + " row " + i / columns + " column " + i % columns
                        + " is not finite: " + values[i]);
            }
        }
    }
}
