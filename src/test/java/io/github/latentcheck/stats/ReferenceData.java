package io.github.latentcheck.stats;

import io.github.latentcheck.data.SampleFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import org.apache.commons.statistics.distribution.BetaDistribution;
import org.apache.commons.statistics.distribution.ContinuousDistribution;
import org.apache.commons.statistics.distribution.ExponentialDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.distribution.TDistribution;
import org.apache.commons.statistics.distribution.TruncatedNormalDistribution;
import org.apache.commons.statistics.distribution.UniformContinuousDistribution;

/**
 * Reads the reference values written by {@code fixtures/reference/make_stats_reference.py}: CSV files
 * with {@code #} comment lines and a header row, and float64 {@code .npy} inputs.
 */
final class ReferenceData {
    static final Path DIR = Path.of("fixtures", "reference");
    private static final Path INPUTS = DIR.resolve("stats_inputs");
    private static final Path BATTERY_INPUTS = DIR.resolve("battery_inputs");

    private ReferenceData() {
    }

    /** One CSV row, read by column name. */
    static final class Row {
        private final Map<String, String> values;

        Row(Map<String, String> values) {
            this.values = values;
        }

        String text(String column) {
            String v = values.get(column);
            if (v == null) {
                throw new IllegalArgumentException("no column " + column + " in " + values);
            }
            return v;
        }

        double number(String column) {
            return Double.parseDouble(text(column));
        }

        int integer(String column) {
            return Integer.parseInt(text(column));
        }

        boolean isEmpty(String column) {
            return text(column).isEmpty();
        }

        @Override
        public String toString() {
            return values.toString();
        }
    }

    static List<Row> csv(String name) {
        List<String> lines;
        try {
            lines = Files.readAllLines(DIR.resolve(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String[] header = null;
        List<Row> rows = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String[] cells = line.split(",", -1);
            if (header == null) {
                header = cells;
                continue;
            }
            Map<String, String> values = new HashMap<>();
            for (int i = 0; i < header.length; i++) {
                values.put(header[i], cells[i]);
            }
            rows.add(new Row(values));
        }
        return rows;
    }

    /**
     * @param name the input's name (file {@code stats_inputs/NAME.npy}: little-endian float64, 1-D)
     * @param shift added to every value in float64, as numpy's {@code x + shift}
     * @return the values
     */
    static double[] input(String name, double shift) {
        double[] x = SampleFiles.readLatents(INPUTS.resolve(name + ".npy")).toArray();
        if (shift != 0) {
            for (int i = 0; i < x.length; i++) {
                x[i] += shift;
            }
        }
        return x;
    }

    /**
     * @param name the input's name (file {@code battery_inputs/NAME.npy}, written by
     *     {@code make_battery_reference.py})
     * @return the values
     */
    static double[] batteryInput(String name) {
        return SampleFiles.readLatents(BATTERY_INPUTS.resolve(name + ".npy")).toArray();
    }

    /**
     * @param cell values separated by {@code ;}, or {@code @NAME} for {@link #batteryInput(String) a battery
     *     input} (the {@code tails_*.csv} files of {@code make_tails_reference.py})
     * @return the values
     */
    static double[] values(String cell) {
        if (cell.startsWith("@")) {
            return batteryInput(cell.substring(1));
        }
        return Arrays.stream(cell.split(";")).mapToDouble(Double::parseDouble).toArray();
    }

    /**
     * @param actualLog the natural logarithm of a computed probability
     * @param expectedLog that of the reference value
     * @return the relative error of the probability, \(|e^{\Delta} - 1|\), from the logarithms (also where
     *     the probabilities underflow)
     */
    static double relativeErrorFromLogs(double actualLog, double expectedLog) {
        if (actualLog == expectedLog) {
            return 0;
        }
        return Math.abs(Math.expm1(actualLog - expectedLog));
    }

    /** @return the distribution {@code normal(mu;sd)}, {@code uniform(a;b)}, {@code t(df)} or {@code exponential(rate)} */
    static ContinuousDistribution distribution(String spec) {
        double[] p = args(spec);
        switch (kind(spec)) {
            case "normal":
                return NormalDistribution.of(p[0], p[1]);
            case "uniform":
                return UniformContinuousDistribution.of(p[0], p[1]);
            case "t":
                return TDistribution.of(p[0]);
            case "exponential":
                return ExponentialDistribution.of(1 / p[0]);
            default:
                throw new IllegalArgumentException(spec);
        }
    }

    private static double[] args(String spec) {
        String inner = spec.substring(spec.indexOf('(') + 1, spec.length() - 1);
        return Arrays.stream(inner.split(";")).mapToDouble(Double::parseDouble).toArray();
    }

    private static String kind(String spec) {
        return spec.substring(0, spec.indexOf('('));
    }

    /** @return the CDF of {@code normal(mu;sd)}, {@code uniform(a;b)}, {@code truncnorm(tau)} or {@code sphere(d)} */
    static DoubleUnaryOperator cdf(String spec) {
        double[] p = args(spec);
        switch (kind(spec)) {
            case "normal":
                return NormalDistribution.of(p[0], p[1])::cumulativeProbability;
            case "uniform":
                return UniformContinuousDistribution.of(p[0], p[1])::cumulativeProbability;
            case "truncnorm":
                return TruncatedNormalDistribution.of(0, 1, -p[0], p[0])::cumulativeProbability;
            case "sphere":
                double d = p[0];
                BetaDistribution beta = BetaDistribution.of((d - 1) / 2, (d - 1) / 2);
                double root = Math.sqrt(d);
                return t -> beta.cumulativeProbability((t / root + 1) / 2);
            default:
                throw new IllegalArgumentException(spec);
        }
    }

    /** @return the moments of a distribution spec, made by the matching {@link CentralMoments} factory */
    static CentralMoments moments(String spec) {
        double[] p = args(spec);
        switch (kind(spec)) {
            case "normal":
                return CentralMoments.gaussian(p[0], p[1]);
            case "uniform":
                return CentralMoments.uniform(p[0], p[1]);
            case "truncnorm":
                return CentralMoments.truncatedNormal(p[0]);
            case "sphere":
                return CentralMoments.sphereMarginal((int) p[0]);
            default:
                throw new IllegalArgumentException(spec);
        }
    }

    /**
     * @return \(|a - e| / \max(|e|, floor)\), 0 when both are equal (including both 0)
     */
    static double relativeError(double actual, double expected, double floor) {
        if (actual == expected) {
            return 0;
        }
        return Math.abs(actual - expected) / Math.max(Math.abs(expected), floor);
    }
}
