package io.github.latentcheck.chart;

import java.util.Arrays;

/** One named set of points of a {@link Chart}, drawn as a line, a step function, markers or bars. */
public final class Series {
    /** How the points are drawn. */
    public enum Style {
        /** Points joined by straight lines. */
        LINE,
        /** A right-continuous step function, as an empirical CDF. */
        STEP,
        /** Markers only. */
        SCATTER,
        /** Vertical bars at each x. */
        BAR
    }

    private final String name;
    private final Style style;
    private final double[] x;
    private final double[] y;

    private Series(String name, Style style, double[] x, double[] y) {
        this.name = name;
        this.style = style;
        this.x = x;
        this.y = y;
    }

    /**
     * @param name the legend entry
     * @param style how the points are drawn
     * @param x the x values
     * @param y the y values, as many as x
     * @return the series (the arrays are copied)
     */
    public static Series of(String name, Style style, double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("series '" + name + "' has " + x.length + " x and " + y.length + " y values");
        }
        return new Series(name, style, x.clone(), y.clone());
    }

    /**
     * The empirical CDF of {@code values}, drawn as a step function through at most {@code maxPoints}
     * evenly spaced order statistics (always including the first and the last).
     *
     * @param name the legend entry
     * @param values the sample (not modified)
     * @param maxPoints the most points to keep, at least 2
     * @return the step series
     */
    public static Series ecdf(String name, double[] values, int maxPoints) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        int points = Math.max(2, Math.min(n, maxPoints));
        double[] x = new double[points];
        double[] y = new double[points];
        for (int i = 0; i < points; i++) {
            int index = points == 1 ? 0 : (int) Math.round((double) i * (n - 1) / (points - 1));
            x[i] = sorted[index];
            y[i] = (index + 1.0) / n;
        }
        return new Series(name, Style.STEP, x, y);
    }

    /**
     * A density histogram of {@code values} over [lower, upper] in {@code bins} equal bins, drawn as
     * a step outline: bin j has height {@code count_j / (n · width)}, so it is comparable with a
     * density; values outside the range count in n but in no bin.
     *
     * @param name the legend entry
     * @param values the sample
     * @param lower the left edge of the first bin
     * @param upper the right edge of the last bin, greater than lower
     * @param bins the number of bins, at least 1
     * @return the step series (one point per bin edge)
     */
    public static Series histogram(String name, double[] values, double lower, double upper, int bins) {
        double width = (upper - lower) / bins;
        long[] counts = new long[bins];
        for (double v : values) {
            if (v >= lower && v <= upper) {
                counts[Math.min(bins - 1, (int) ((v - lower) / width))]++;
            }
        }
        double[] x = new double[bins + 1];
        double[] y = new double[bins + 1];
        for (int j = 0; j <= bins; j++) {
            x[j] = lower + j * width;
            y[j] = counts[Math.min(j, bins - 1)] / (values.length * width);
        }
        return new Series(name, Style.STEP, x, y);
    }

    /** @return the legend entry */
    public String name() {
        return name;
    }

    /** @return how the points are drawn */
    public Style style() {
        return style;
    }

    /** @return the x values (a copy) */
    public double[] x() {
        return x.clone();
    }

    /** @return the y values (a copy) */
    public double[] y() {
        return y.clone();
    }
}
