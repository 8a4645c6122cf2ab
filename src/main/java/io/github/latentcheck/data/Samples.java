package io.github.latentcheck.data;

import io.github.latentcheck.InvalidInputException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * An immutable matrix of samples: {@code rows} samples of {@code columns} values each, stored
 * row-major in the {@link Precision} they were given in: float32 (generator outputs, as
 * machine-learning frameworks export them, and float32 {@code .npy} files) or float64 (CSV files,
 * float64 {@code .npy} files). This is the one place where the precision of data is decided: every
 * accessor reads the values as {@code double}, exactly, so statistics computed from any
 * {@code Samples} see the values as given; only {@link #copyRows(int, int, float[])}, which the
 * k-nearest-neighbour kernels use to screen candidates, rounds float64 values to float32.
 *
 * <p>Columns have names ({@code x0, x1, …} unless given). An optional image shape (such as
 * {@code [8, 8]}) says how a row is laid out as a picture; its product equals {@code columns}.
 */
public final class Samples {
    private final int rows;
    private final int columns;
    /** The values when the precision is float32, else null. */
    private final float[] floats;
    /** The values when the precision is float64, else null. */
    private final double[] doubles;
    private final List<String> columnNames;
    private final int[] imageShape;
    /**
     * The row-major index of the first non-finite value, -1 if none, {@link #UNCHECKED} until first
     * asked: computed at most a few times (a benign race, like {@code String.hashCode}), since the
     * values never change.
     */
    private long firstNonFinite = UNCHECKED;

    private static final long UNCHECKED = -2;

    private Samples(int rows, int columns, float[] floats, double[] doubles, List<String> columnNames,
            int[] imageShape) {
        this.rows = rows;
        this.columns = columns;
        this.floats = floats;
        this.doubles = doubles;
        this.columnNames = columnNames;
        this.imageShape = imageShape;
    }

    /**
     * @param rows number of samples, at least 1
     * @param columns values per sample, at least 1
     * @param rowMajor {@code rows * columns} float32 values, copied
     * @return float32 samples, with columns named {@code x0, x1, …}
     * @throws InvalidInputException if the sizes do not match or are not positive
     */
    public static Samples of(int rows, int columns, float[] rowMajor) {
        return ofOwned(rows, columns, rowMajor.clone());
    }

    /**
     * @param rows number of samples, at least 1
     * @param columns values per sample, at least 1
     * @param rowMajor {@code rows * columns} float64 values, copied
     * @return float64 samples, with columns named {@code x0, x1, …}
     * @throws InvalidInputException if the sizes do not match or are not positive
     */
    public static Samples of(int rows, int columns, double[] rowMajor) {
        return ofOwned(rows, columns, rowMajor.clone());
    }

    /**
     * Float32 samples from an array that a caller has just filled and will not touch again
     * (generators, readers): no copy is made.
     *
     * @param rows number of samples
     * @param columns values per sample
     * @param rowMajor {@code rows * columns} values, owned by the result from now on
     * @return the samples
     */
    public static Samples ofOwned(int rows, int columns, float[] rowMajor) {
        checkShape(rows, columns, rowMajor.length);
        return new Samples(rows, columns, rowMajor, null, defaultNames("x", columns), null);
    }

    /**
     * Float64 samples from an array that a caller has just filled and will not touch again
     * (readers): no copy is made.
     *
     * @param rows number of samples
     * @param columns values per sample
     * @param rowMajor {@code rows * columns} values, owned by the result from now on
     * @return the samples
     */
    public static Samples ofOwned(int rows, int columns, double[] rowMajor) {
        checkShape(rows, columns, rowMajor.length);
        return new Samples(rows, columns, null, rowMajor, defaultNames("x", columns), null);
    }

    /**
     * The rows of several samples one after the other, in the widest of their precisions (float64
     * unless all are float32), with the first part's column names and image shape.
     *
     * @param parts at least one, all with the same number of columns
     * @return the stacked rows
     * @throws InvalidInputException if the parts differ in their number of columns
     */
    public static Samples stack(List<Samples> parts) {
        Samples first = parts.get(0);
        int columns = first.columns;
        long total = 0;
        Precision precision = Precision.FLOAT32;
        for (Samples part : parts) {
            if (part.columns != columns) {
                throw new InvalidInputException("cannot stack samples of " + part.columns + " columns under samples of "
                        + columns);
            }
            total += part.rows;
            precision = precision.widest(part.precision());
        }
        int rows = Math.toIntExact(total);
        int values = Math.multiplyExact(rows, columns);
        Samples stacked;
        if (precision == Precision.FLOAT32) {
            float[] out = new float[values];
            int at = 0;
            for (Samples part : parts) {
                System.arraycopy(part.floats, 0, out, at, part.floats.length);
                at += part.floats.length;
            }
            stacked = ofOwned(rows, columns, out);
        } else {
            double[] out = new double[values];
            int at = 0;
            for (Samples part : parts) {
                part.copyRows(0, part.rows, out, at);
                at += part.rows * columns;
            }
            stacked = ofOwned(rows, columns, out);
        }
        stacked = stacked.withColumnNames(first.columnNames);
        return first.imageShape == null ? stacked : stacked.withImageShape(first.imageShape);
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
        return new Samples(rows, columns, floats, doubles, List.copyOf(names), imageShape);
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
        return new Samples(rows, columns, floats, doubles, columnNames, shape.clone());
    }

    /** @return the number of samples */
    public int rows() {
        return rows;
    }

    /** @return the number of values per sample */
    public int columns() {
        return columns;
    }

    /** @return the precision the values were given in */
    public Precision precision() {
        return floats != null ? Precision.FLOAT32 : Precision.FLOAT64;
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
     * @return the value, exactly as given
     */
    public double value(int row, int column) {
        Objects.checkIndex(column, columns);
        int i = Objects.checkIndex(row, rows) * columns + column;
        return floats != null ? floats[i] : doubles[i];
    }

    /**
     * @param from the first row
     * @param to the row after the last
     * @return rows {@code [from, to)} in the same precision, with the same column names and image shape
     */
    public Samples slice(int from, int to) {
        Objects.checkFromToIndex(from, to, rows);
        int start = from * columns;
        int end = to * columns;
        return new Samples(to - from, columns, floats == null ? null : Arrays.copyOfRange(floats, start, end),
                doubles == null ? null : Arrays.copyOfRange(doubles, start, end), columnNames, imageShape);
    }

    /**
     * @param column the column index
     * @return the column's values, exactly as given, in row order (a new array)
     */
    public double[] column(int column) {
        Objects.checkIndex(column, columns);
        double[] out = new double[rows];
        for (int r = 0, i = column; r < rows; r++, i += columns) {
            out[r] = floats != null ? floats[i] : doubles[i];
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
     * @return the row's values, exactly as given (a new array)
     */
    public double[] row(int row) {
        double[] out = new double[columns];
        copyRows(Objects.checkIndex(row, rows), row + 1, out, 0);
        return out;
    }

    /** @return all values, exactly as given, row-major (a new array) */
    public double[] toArray() {
        double[] out = new double[floats != null ? floats.length : doubles.length];
        copyRows(0, rows, out, 0);
        return out;
    }

    /**
     * @return all values as float32, row-major (a new array): exact for float32 samples, rounded to
     *     the nearest float32 for float64 samples, as {@link #copyRows(int, int, float[])}
     */
    public float[] toFloatArray() {
        float[] out = new float[rows * columns];
        copyRows(0, rows, out);
        return out;
    }

    /**
     * Copies rows {@code [from, to)} row-major into {@code target} from index {@code offset}, exactly.
     *
     * @param from the first row
     * @param to the row after the last
     * @param target the destination, with room for {@code (to - from) * columns} values from {@code offset}
     * @param offset the first index written
     */
    public void copyRows(int from, int to, double[] target, int offset) {
        Objects.checkFromToIndex(from, to, rows);
        int start = from * columns;
        int count = (to - from) * columns;
        if (floats != null) {
            for (int i = 0; i < count; i++) {
                target[offset + i] = floats[start + i];
            }
        } else {
            System.arraycopy(doubles, start, target, offset, count);
        }
    }

    /**
     * Copies rows {@code [from, to)} row-major into {@code target}, from index 0, as float32: exact
     * for float32 samples, rounded to the nearest float32 for float64 samples (a value beyond the
     * float32 range becomes infinite). For kernels that screen in float32 and then measure the
     * survivors exactly; never for a reported number.
     *
     * @param from the first row
     * @param to the row after the last
     * @param target the destination, with room for {@code (to - from) * columns} values
     */
    public void copyRows(int from, int to, float[] target) {
        copyRows(from, to, target, 0);
    }

    /**
     * Copies rows {@code [from, to)} row-major into {@code target} from index {@code offset}, as
     * float32, as {@link #copyRows(int, int, float[])} does.
     *
     * @param from the first row
     * @param to the row after the last
     * @param target the destination, with room for {@code (to - from) * columns} values from {@code offset}
     * @param offset the first index written
     */
    public void copyRows(int from, int to, float[] target, int offset) {
        Objects.checkFromToIndex(from, to, rows);
        int start = from * columns;
        int count = (to - from) * columns;
        if (floats != null) {
            System.arraycopy(floats, start, target, offset, count);
        } else {
            for (int i = 0; i < count; i++) {
                target[offset + i] = (float) doubles[start + i];
            }
        }
    }

    /**
     * @return the row-major index (row × columns + column) of the first value that is NaN or
     *     infinite, or -1 when every value is finite; the scan is done once per instance
     */
    public long firstNonFinite() {
        long found = firstNonFinite;
        if (found == UNCHECKED) {
            found = -1;
            int length = floats != null ? floats.length : doubles.length;
            for (int i = 0; i < length; i++) {
                if (!Double.isFinite(floats != null ? floats[i] : doubles[i])) {
                    found = i;
                    break;
                }
            }
            firstNonFinite = found;
        }
        return found;
    }

    @Override
    public String toString() {
        return "Samples[" + rows + " x " + columns + ", " + precision() + "]";
    }
}
