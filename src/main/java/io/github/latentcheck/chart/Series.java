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
