package io.github.latentcheck.data;

import io.github.latentcheck.InvalidInputException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * An immutable matrix of samples: {@code rows} samples of {@code columns} values each, stored
 * row-major in a {@code float[]} as machine-learning frameworks export them. Statistics read the
 * values as {@code double}.
 *
 * <p>Columns have names ({@code x0, x1, …} unless given). An optional image shape (such as
 * {@code [8, 8]}) says how a row is laid out as a picture; its product equals {@code columns}.
 */
public final class Samples {
    private final int rows;
    private final int columns;
    private final float[] data;
    private final List<String> columnNames;
    private final int[] imageShape;
    /**
     * The row-major index of the first non-finite value, -1 if none, {@link #UNCHECKED} until first
     * asked: computed at most a few times (a benign race, like {@code String.hashCode}), since the
     * values never change.
     */
    private long firstNonFinite = UNCHECKED;

    private static final long UNCHECKED = -2;

    private Samples(int rows, int columns, float[] data, List<String> columnNames, int[] imageShape) {
        this.rows = rows;
        this.columns = columns;
        this.data = data;
        this.columnNames = columnNames;
        this.imageShape = imageShape;
    }

    /**
     * @param rows number of samples, at least 1
     * @param columns values per sample, at least 1
     * @param rowMajor {@code rows * columns} values, copied
     * @return the samples, with columns named {@code x0, x1, …}
     * @throws InvalidInputException if the sizes do not match or are not positive
     */
    public static Samples of(int rows, int columns, float[] rowMajor) {
        return ofOwned(rows, columns, rowMajor.clone());
    }

    /**
     * Samples from arrays that a caller has just filled and will not touch again (generators,
     * readers): no copy is made.
     *
     * @param rows number of samples
     * @param columns values per sample
     * @param rowMajor {@code rows * columns} values, owned by the result from now on
     * @return the samples
     */
    public static Samples ofOwned(int rows, int columns, float[] rowMajor) {
        checkShape(rows, columns, rowMajor.length);
        return new Samples(rows, columns, rowMajor, defaultNames("x", columns), null);
    }

    static void checkShape(int rows, int columns, int length) {
        if (rows < 1) {
            throw new InvalidInputException("rows is not at least 1: " + rows);
        }
        if (columns < 1) {
            throw new InvalidInputException("columns is not at least 1: " + columns);
        }
        if ((long) rows * columns != length) {
            throw new InvalidInputException(
                    "data length is not rows * columns: " + length + " != " + rows + " * " + columns);
        }
    }

    static List<String> defaultNames(String prefix, int columns) {
        List<String> names = new ArrayList<>(columns);
        for (int c = 0; c < columns; c++) {
            names.add(prefix + c);
        }
        return Collections.unmodifiableList(names);
    }

    /**
     * @param names one name per column
     * @return a copy with these column names
     */
    public Samples withColumnNames(List<String> names) {
        if (names.size() != columns) {
            throw new InvalidInputException(
                    "column names do not match the column count: " + names.size() + " != " + columns);
        }
        return new Samples(rows, columns, data, List.copyOf(names), imageShape);
    }

    /**
     * @param shape the image shape of one row, e.g. {@code 8, 8}; its product must equal {@link #columns()}
     * @return a copy with this image shape
     */
    public Samples withImageShape(int... shape) {
        long product = 1;
        for (int s : shape) {
            if (s < 1) {
                throw new InvalidInputException("image shape has a dimension below 1: " + Arrays.toString(shape));
            }
            product *= s;
        }
        if (product != columns) {
            throw new InvalidInputException("image shape " + Arrays.toString(shape)
                    + " does not hold " + columns + " columns");
        }
        return new Samples(rows, columns, data, columnNames, shape.clone());
    }

    /** @return the number of samples */
    public int rows() {
        return rows;
    }

    /** @return the number of values per sample */
    public int columns() {
        return columns;
    }

    /** @return the column names, one per column */
    public List<String> columnNames() {
        return columnNames;
    }

    /** @return the image shape of one row, or an empty array when the rows are not images */
    public int[] imageShape() {
        return imageShape == null ? new int[0] : imageShape.clone();
    }

    /**
     * @param row the sample index
     * @param column the column index
     * @return the value
     */
    public float value(int row, int column) {
        Objects.checkIndex(column, columns);
        return data[Objects.checkIndex(row, rows) * columns + column];
    }

    /**
     * @param column the column index
     * @return the column's values as {@code double}, in row order (a new array)
     */
    public double[] column(int column) {
        Objects.checkIndex(column, columns);
        double[] out = new double[rows];
        for (int r = 0, i = column; r < rows; r++, i += columns) {
            out[r] = data[i];
        }
        return out;
    }

    /**
     * @param name a column name
     * @return the index of the column with that name
     * @throws InvalidInputException if there is no such column
     */
    public int columnIndex(String name) {
        int index = columnNames.indexOf(name);
        if (index < 0) {
            throw new InvalidInputException("no column named '" + name + "'; the columns are " + columnNames);
        }
        return index;
    }

    /**
     * @param row the sample index
     * @return the row's values (a new array)
     */
    public float[] row(int row) {
        int from = Objects.checkIndex(row, rows) * columns;
        return Arrays.copyOfRange(data, from, from + columns);
    }

    /** @return all values, row-major (a new array) */
    public float[] toArray() {
        return data.clone();
    }

    /**
     * Copies rows {@code [from, to)} row-major into {@code target}, from index 0.
     *
     * @param from the first row
     * @param to the row after the last
     * @param target the destination, with room for {@code (to - from) * columns} values
     */
    public void copyRows(int from, int to, float[] target) {
        Objects.checkFromToIndex(from, to, rows);
        System.arraycopy(data, from * columns, target, 0, (to - from) * columns);
    }

    /**
     * @return the row-major index (row × columns + column) of the first value that is NaN or
     *     infinite, or -1 when every value is finite; the scan is done once per instance
     */
    public long firstNonFinite() {
        long found = firstNonFinite;
        if (found == UNCHECKED) {
            found = -1;
            for (int i = 0; i < data.length; i++) {
                if (!Float.isFinite(data[i])) {
                    found = i;
                    break;
                }
            }
            firstNonFinite = found;
        }
        return found;
    }

    /**
     * Copies the values row-major into {@code target} starting at {@code offset}.
     *
     * @param target the destination, with room for {@code rows * columns} values
     * @param offset the first index written
     */
    public void copyTo(float[] target, int offset) {
        System.arraycopy(data, 0, target, offset, data.length);
    }

    @Override
    public String toString() {
        return "Samples[" + rows + " x " + columns + "]";
    }
}
