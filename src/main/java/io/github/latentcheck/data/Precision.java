package io.github.latentcheck.data;

/**
 * The floating-point format that values were given in, and that every statistic computed from them
 * respects: a file's values keep the file's precision, a generator's outputs keep theirs.
 *
 * <p>Values of either precision are read as {@code double}, exactly (every float32 value is a
 * double). What differs is what "equal" and "exact" mean: two float64 rows that differ in the last
 * bit are different rows, and a distance between them is computed from the float64 values, never
 * from values rounded to float32.
 */
public enum Precision {
    /** IEEE 754 binary32: generator outputs, {@code '<f4'} {@code .npy} files. */
    FLOAT32(Float.BYTES, "float32"),
    /** IEEE 754 binary64: CSV files, {@code '<f8'} {@code .npy} files, data built from doubles. */
    FLOAT64(Double.BYTES, "float64");

    private final int bytes;
    private final String label;

    Precision(int bytes, String label) {
        this.bytes = bytes;
        this.label = label;
    }

    /** @return bytes per value */
    public int bytes() {
        return bytes;
    }

    /**
     * @param other another precision
     * @return the wider of the two: float64 unless both are float32
     */
    public Precision widest(Precision other) {
        return this == FLOAT64 || other == FLOAT64 ? FLOAT64 : FLOAT32;
    }

    /** @return {@code "float32"} or {@code "float64"} */
    @Override
    public String toString() {
        return label;
    }
}
