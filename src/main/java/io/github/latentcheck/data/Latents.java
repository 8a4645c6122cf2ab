package io.github.latentcheck.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable matrix of latent vectors: {@code rows} draws of dimension {@code dimension}, stored
 * row-major in a {@code double[]}. Latents stay in double precision until a generator needs
 * {@code float}.
 */
public final class Latents {
    private final int rows;
    private final int dimension;
    private final double[] data;

    private Latents(int rows, int dimension, double[] data) {
        Samples.checkShape(rows, dimension, data.length);
        this.rows = rows;
        this.dimension = dimension;
        this.data = data;
    }

    /**
     * @param rows number of draws
     * @param dimension the latent dimension
     * @param rowMajor {@code rows * dimension} values, copied
     * @return the latents
     */
    public static Latents of(int rows, int dimension, double[] rowMajor) {
        return new Latents(rows, dimension, rowMajor.clone());
    }

    /**
     * Latents from an array that a caller has just filled and will not touch again: no copy is made.
     *
     * @param rows number of draws
     * @param dimension the latent dimension
     * @param rowMajor {@code rows * dimension} values, owned by the result from now on
     * @return the latents
     */
    public static Latents ofOwned(int rows, int dimension, double[] rowMajor) {
        return new Latents(rows, dimension, rowMajor);
    }

    /** @return the number of draws */
    public int rows() {
        return rows;
    }

    /** @return the latent dimension */
    public int dimension() {
        return dimension;
    }

    /**
     * @param row the draw index
     * @param coordinate the coordinate index
     * @return the value
     */
    public double value(int row, int coordinate) {
        Objects.checkIndex(coordinate, dimension);
        return data[Objects.checkIndex(row, rows) * dimension + coordinate];
    }

    /**
     * @param coordinate the coordinate index
     * @return the coordinate's values in row order (a new array)
     */
    public double[] column(int coordinate) {
        Objects.checkIndex(coordinate, dimension);
        double[] out = new double[rows];
        for (int r = 0, i = coordinate; r < rows; r++, i += dimension) {
            out[r] = data[i];
        }
        return out;
    }

    /**
     * @param row the draw index
     * @return the draw (a new array)
     */
    public double[] row(int row) {
        int from = Objects.checkIndex(row, rows) * dimension;
        return Arrays.copyOfRange(data, from, from + dimension);
    }

    /** @return all values, row-major (a new array) */
    public double[] toArray() {
        return data.clone();
    }

    /**
     * @param from first row, inclusive
     * @param to last row, exclusive
     * @return those rows
     */
    public Latents slice(int from, int to) {
        Objects.checkFromToIndex(from, to, rows);
        return new Latents(to - from, dimension, Arrays.copyOfRange(data, from * dimension, to * dimension));
    }

    /** @return the latents as float64 samples, exactly, with columns named {@code z0, z1, …} */
    public Samples toSamples() {
        return Samples.ofOwned(rows, dimension, data.clone()).withColumnNames(Samples.defaultNames("z", dimension));
    }

    @Override
    public String toString() {
        return "Latents[" + rows + " x " + dimension + "]";
    }
}
