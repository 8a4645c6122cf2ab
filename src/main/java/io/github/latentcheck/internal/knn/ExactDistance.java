package io.github.latentcheck.internal.knn;

import io.github.latentcheck.InvalidInputException;

/**
 * The squared Euclidean distance between two rows of doubles, \(D = \sum_c (x_c - y_c)^2\) summed in
 * column order, which is what every neighbour is ranked and reported by.
 *
 * <p>Two rows are at distance 0 exactly when they are equal: a difference of doubles is 0 only when
 * they are equal (gradual underflow), but its square can underflow. When the plain sum falls below
 * {@value #GUARD_TEXT} (where squares of differences below about \(2^{-511}\) start to lose digits),
 * the differences are scaled by a power of two, which is exact, summed again, and scaled back; a
 * squared distance too small for a double (below \(2^{-1074}\), distances below about \(10^{-162}\))
 * is reported as the smallest double, never 0, so such rows all tie and are ordered by index.
 * A sum that overflows is refused: values of magnitude above about \(10^{153}\) are beyond what the
 * search supports. Rows of float32 values (at most \(3.4 \times 10^{38}\), at least \(2^{-149}\) apart
 * when they differ) never reach either branch.
 */
public final class ExactDistance {
    /** Below this plain sum the careful path runs: \(2^{-960}\). */
    public static final double GUARD = 0x1p-960;
    private static final String GUARD_TEXT = "2^-960";

    private ExactDistance() {
    }

    /**
     * @param x the first row's array
     * @param xAt where the first row starts
     * @param y the second row's array
     * @param yAt where the second row starts
     * @param columns values per row
     * @return \(D\), 0 exactly when the rows are equal
     * @throws InvalidInputException if \(D\) overflows
     */
    public static double squared(double[] x, int xAt, double[] y, int yAt, int columns) {
        double s = 0;
        for (int c = 0; c < columns; c++) {
            double diff = x[xAt + c] - y[yAt + c];
            s += diff * diff;
        }
        if (s < GUARD) {
            return tiny(x, xAt, y, yAt, columns);
        }
        if (s == Double.POSITIVE_INFINITY) {
            throw new InvalidInputException("a squared distance between two rows overflows double precision;"
                    + " the k-nearest-neighbour search supports values up to about 1e153 in magnitude");
        }
        return s;
    }

    /**
     * @param x the first row's array
     * @param xAt where the first row starts
     * @param y the second row's array
     * @param yAt where the second row starts
     * @param columns values per row
     * @return the Euclidean distance \(\sqrt D\), as {@link io.github.latentcheck.knn.Neighbors#distance} reports it
     * @throws InvalidInputException if \(D\) overflows
     */
    public static double euclidean(double[] x, int xAt, double[] y, int yAt, int columns) {
        return Math.sqrt(squared(x, xAt, y, yAt, columns));
    }

    private static double tiny(double[] x, int xAt, double[] y, int yAt, int columns) {
        double largest = 0;
        for (int c = 0; c < columns; c++) {
            largest = Math.max(largest, Math.abs(x[xAt + c] - y[yAt + c]));
        }
        if (largest == 0) {
            return 0;
        }
        int scale = -Math.getExponent(largest);
        double s = 0;
        for (int c = 0; c < columns; c++) {
            double diff = Math.scalb(x[xAt + c] - y[yAt + c], scale);
            s += diff * diff;
        }
        return Math.max(Double.MIN_VALUE, Math.scalb(s, -2 * scale));
    }
}
