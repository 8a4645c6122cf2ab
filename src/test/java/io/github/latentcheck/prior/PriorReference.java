package io.github.latentcheck.prior;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.DoubleUnaryOperator;
import org.apache.commons.statistics.distribution.ContinuousDistribution;
import org.junit.jupiter.api.TestReporter;

/**
 * Compares a prior's marginal with the scipy values in {@code fixtures/reference/prior_marginals.csv},
 * written by {@code fixtures/reference/make_prior_reference.py}: rows {@code prior,quantity,x,value}
 * with quantity cdf, sf, pdf (at x), mean or variance, which {@link #verify} checks, or quantile (at
 * probability x), which {@link #verifyQuantiles} checks.
 */
final class PriorReference {
    private static final Path FILE = Path.of("fixtures", "reference", "prior_marginals.csv");

    private PriorReference() {
    }

    /** One reference value. */
    record Row(String prior, String quantity, double x, double value) {
    }

    /**
     * A tolerance on the relative error |a − e| / max(|e|, floor): at most {@code relative + perSquare·x²}.
     * The x² term bounds the error that a rounded argument causes where the function falls like exp(−x²/2).
     */
    record Tolerance(double relative, double perSquare, double floor) {
        static Tolerance of(double relative, double floor) {
            return new Tolerance(relative, 0, floor);
        }

        double at(double x) {
            return Double.isNaN(x) ? relative : relative + perSquare * x * x;
        }
    }

    static List<Row> rows(String prior) {
        List<String> lines;
        try {
            lines = Files.readAllLines(FILE, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Row> rows = new ArrayList<>();
        boolean header = true;
        for (String line : lines) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            if (header) {
                assertThat(line).isEqualTo("prior,quantity,x,value");
                header = false;
                continue;
            }
            String[] cells = line.split(",", -1);
            if (cells[0].equals(prior)) {
                rows.add(new Row(cells[0], cells[1], cells[2].isEmpty() ? Double.NaN : Double.parseDouble(cells[2]),
                        Double.parseDouble(cells[3])));
            }
        }
        return rows;
    }

    /**
     * Checks every reference row of {@code prior} against {@code marginal}, publishes the largest
     * relative error per quantity and fails listing every row beyond its tolerance.
     *
     * @param prior the prior's name in the file, e.g. {@code "sphere(8)"}
     * @param marginal the Java marginal
     * @param tolerances the tolerance per quantity (cdf, sf, pdf, mean, variance)
     * @param reporter where the largest errors are published
     */
    static void verify(String prior, ContinuousDistribution marginal, Map<String, Tolerance> tolerances,
            TestReporter reporter) {
        List<Row> rows = rows(prior);
        rows.removeIf(row -> row.quantity().equals("quantile"));
        assertThat(rows).as("reference rows for " + prior).isNotEmpty();
        Map<String, Double> largest = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        for (Row row : rows) {
            double actual = switch (row.quantity()) {
                case "cdf" -> marginal.cumulativeProbability(row.x());
                case "sf" -> marginal.survivalProbability(row.x());
                case "pdf" -> marginal.density(row.x());
                case "mean" -> marginal.getMean();
                case "variance" -> marginal.getVariance();
                default -> throw new IllegalArgumentException(row.quantity());
            };
            Tolerance tolerance = tolerances.get(row.quantity());
            double error = actual == row.value() ? 0
                    : Math.abs(actual - row.value()) / Math.max(Math.abs(row.value()), tolerance.floor());
            largest.merge(row.quantity(), error, Math::max);
            double allowed = tolerance.at(row.x());
            if (!(error <= allowed)) {
                failures.add(String.format("%s %s(%s): expected %s, actual %s, relative error %.3g > %.2g",
                        prior, row.quantity(), row.x(), row.value(), actual, error, allowed));
            }
        }
        largest.forEach((quantity, error) -> reporter.publishEntry(
                prior + " max relative error " + quantity, String.format("%.3g", error)));
        if (!failures.isEmpty()) {
            fail(failures.size() + " values beyond tolerance:%n%s", String.join(System.lineSeparator(), failures));
        }
    }

    /**
     * Checks every quantile row of {@code prior} against {@code quantile}: the relative error, with
     * {@code tolerance}'s floor, at most {@code tolerance}'s relative bound.
     *
     * @param prior the prior's name in the file, e.g. {@code "truncated(1e-300)"}
     * @param quantile the Java quantile function
     * @param tolerance the tolerance
     * @param reporter where the largest error is published
     */
    static void verifyQuantiles(String prior, DoubleUnaryOperator quantile, Tolerance tolerance,
            TestReporter reporter) {
        List<Row> rows = rows(prior);
        rows.removeIf(row -> !row.quantity().equals("quantile"));
        assertThat(rows).as("quantile rows for " + prior).isNotEmpty();
        double largest = 0;
        List<String> failures = new ArrayList<>();
        for (Row row : rows) {
            double actual = quantile.applyAsDouble(row.x());
            double error = actual == row.value() ? 0
                    : Math.abs(actual - row.value()) / Math.max(Math.abs(row.value()), tolerance.floor());
            largest = Math.max(largest, error);
            if (!(error <= tolerance.at(row.x()))) {
                failures.add(String.format("%s quantile(%s): expected %s, actual %s, relative error %.3g > %.2g",
                        prior, row.x(), row.value(), actual, error, tolerance.at(row.x())));
            }
        }
        reporter.publishEntry(prior + " max relative error quantile", String.format("%.3g", largest));
        if (!failures.isEmpty()) {
            fail(failures.size() + " values beyond tolerance:%n%s", String.join(System.lineSeparator(), failures));
        }
    }
}
