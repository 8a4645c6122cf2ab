package io.github.latentcheck.check;

import io.github.latentcheck.chart.Chart;
import io.github.latentcheck.chart.ImageGrid;
import io.github.latentcheck.stats.TestResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of one check on one prior's run: the check's own verdict, metrics by name (what gates
 * compare), the statistical tests with their corrected p-values, a sentence saying which family the
 * correction ran over, charts and image grids for the report, and optionally a per-sample table
 * (written beside the report as {@code <check id>-<prior label>.csv}).
 */
public final class CheckResult {
    private final String id;
    private final String type;
    private final boolean passed;
    private final Map<String, Number> metrics;
    private final List<TestResult> tests;
    private final String correction;
    private final List<Chart> charts;
    private final List<ImageGrid> imageGrids;
    private final SampleTable sampleTable;
    private final String underpowered;
    private final Duration duration;

    private CheckResult(CheckResult other, Duration duration) {
        this.id = other.id;
        this.type = other.type;
        this.passed = other.passed;
        this.metrics = other.metrics;
        this.tests = other.tests;
        this.correction = other.correction;
        this.charts = other.charts;
        this.imageGrids = other.imageGrids;
        this.sampleTable = other.sampleTable;
        this.underpowered = other.underpowered;
        this.duration = duration;
    }

    private CheckResult(Builder b) {
        this.id = b.id;
        this.type = b.type;
        this.passed = b.passed;
        this.metrics = Collections.unmodifiableMap(new LinkedHashMap<>(b.metrics));
        this.tests = List.copyOf(b.tests);
        this.correction = b.correction;
        this.charts = List.copyOf(b.charts);
        this.imageGrids = List.copyOf(b.imageGrids);
        this.sampleTable = b.sampleTable;
        this.underpowered = b.underpowered;
        this.duration = Duration.ZERO;
    }

    /**
     * @param took how long the check ran (set by the runner; reported in {@code junit.xml}, never in
     *     {@code results.json}, which must not change from run to run)
     * @return a copy that carries it
     */
    public CheckResult withDuration(Duration took) {
        return new CheckResult(this, Objects.requireNonNull(took, "duration"));
    }

    /** @return how long the check ran, zero unless the runner set it */
    public Duration duration() {
        return duration;
    }

    /**
     * @return the smallest adjusted p-value of the check's tests, NaN when it has none: the evidence a
     *     failure message cites
     */
    public double smallestAdjustedPValue() {
        return tests.stream().mapToDouble(TestResult::adjustedPValue).filter(p -> !Double.isNaN(p)).min()
                .orElse(Double.NaN);
    }

    /**
     * @param check the check whose result this is
     * @return a builder
     */
    public static Builder builder(Check check) {
        return new Builder(check.id(), check.type());
    }

    /** @return the name gates use */
    public String id() {
        return id;
    }

    /** @return the check's type */
    public String type() {
        return type;
    }

    /** @return the check's own verdict at its level (gates decide whether a run passes) */
    public boolean passed() {
        return passed;
    }

    /**
     * The state a report shows as the check's headline: its own verdict, unless the run was too small
     * for the power its spec demands, which is a state of its own whatever the tests found.
     *
     * @return {@link State#UNDERPOWERED} when {@link #underpowered()} is present, else passed or failed
     */
    public State state() {
        if (underpowered != null) {
            return State.UNDERPOWERED;
        }
        return passed ? State.PASSED : State.FAILED;
    }

    /** A check's headline state: the same three words in every report. */
    public enum State {
        /** The check's own criteria hold. */
        PASSED("pass"),
        /** A criterion of the check fails. */
        FAILED("fail"),
        /** The run is too small for the power the spec demands: neither verdict can be trusted. */
        UNDERPOWERED("underpowered");

        private final String label;

        State(String label) {
            this.label = label;
        }

        /** @return {@code "pass"}, {@code "fail"} or {@code "underpowered"}, as reports write it */
        public String label() {
            return label;
        }
    }

    /** @return the metrics by name, in reporting order; integers are {@code Long}, others {@code Double} */
    public Map<String, Number> metrics() {
        return metrics;
    }

    /**
     * @param name a metric name
     * @return its value, when the result has it
     */
    public Optional<Number> metric(String name) {
        return Optional.ofNullable(metrics.get(name));
    }

    /** @return the statistical tests, in the order they ran */
    public List<TestResult> tests() {
        return tests;
    }

    /** @return which family the multiple-testing correction ran over, or an empty string */
    public String correction() {
        return correction;
    }

    /** @return charts for the report */
    public List<Chart> charts() {
        return charts;
    }

    /** @return image grids for the report, such as a gallery of suspected copies */
    public List<ImageGrid> imageGrids() {
        return imageGrids;
    }

    /** @return the per-sample table, when the check keeps one */
    public Optional<SampleTable> sampleTable() {
        return Optional.ofNullable(sampleTable);
    }

    /**
     * @return why the run was too small for the power its spec demands (e.g. {@code "underpowered: power
     *     0.41 < 0.8 to detect KS distance 0.05 with n = 1000 …"}), which fails every gate on the check;
     *     empty when no power was demanded or it was reached
     */
    public Optional<String> underpowered() {
        return Optional.ofNullable(underpowered);
    }

    /** Collects a result's parts; metrics keep the order they are put in. */
    public static final class Builder {
        private final String id;
        private final String type;
        private boolean passed = true;
        private final Map<String, Number> metrics = new LinkedHashMap<>();
        private final List<TestResult> tests = new ArrayList<>();
        private String correction = "";
        private final List<Chart> charts = new ArrayList<>();
        private final List<ImageGrid> imageGrids = new ArrayList<>();
        private SampleTable sampleTable;
        private String underpowered;

        private Builder(String id, String type) {
            this.id = id;
            this.type = type;
        }

        /**
         * @param value the check's own verdict
         * @return this builder
         */
        public Builder passed(boolean value) {
            this.passed = value;
            return this;
        }

        /**
         * @param name the metric's name
         * @param value a real value
         * @return this builder
         */
        public Builder metric(String name, double value) {
            metrics.put(name, value);
            return this;
        }

        /**
         * @param name the metric's name
         * @param value a count
         * @return this builder
         */
        public Builder metric(String name, long value) {
            metrics.put(name, value);
            return this;
        }

        /**
         * @param results tests to add
         * @return this builder
         */
        public Builder tests(List<TestResult> results) {
            tests.addAll(results);
            return this;
        }

        /**
         * @param family which family the correction ran over, e.g. "Holm over 8 dimensions"
         * @return this builder
         */
        public Builder correction(String family) {
            this.correction = family;
            return this;
        }

        /**
         * @param chart a chart for the report
         * @return this builder
         */
        public Builder chart(Chart chart) {
            charts.add(chart);
            return this;
        }

        /**
         * @param grid an image grid for the report
         * @return this builder
         */
        public Builder imageGrid(ImageGrid grid) {
            imageGrids.add(grid);
            return this;
        }

        /**
         * @param table the per-sample table (one per result; a second replaces the first)
         * @return this builder
         */
        public Builder sampleTable(SampleTable table) {
            this.sampleTable = table;
            return this;
        }

        /**
         * @param reason why the run was too small for the power its spec demands
         * @return this builder
         */
        public Builder underpowered(String reason) {
            this.underpowered = reason;
            return this;
        }

        /** @return the result */
        public CheckResult build() {
            return new CheckResult(this);
        }
    }
}
