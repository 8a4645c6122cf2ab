package io.github.latentcheck.gate;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.check.CheckResult;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pass/fail rule over one metric of one check, written {@code check.metric OP bound} with OP one
 * of {@code < <= > >= == !=}, e.g. {@code mode-coverage.modesCovered >= 8}. The bound is a number, or
 * relative to a {@link Baseline}: {@code baseline}, {@code baseline + 0.005} or {@code baseline - 1},
 * meaning the same metric of the same check and prior in the baseline run. A gate is evaluated for
 * every prior of a run; a NaN metric fails every gate, and so does a check whose run was too small
 * for the power its spec demands ({@link CheckResult#underpowered()}), with that reason.
 */
public final class Gate {
    private static final Pattern SYNTAX = Pattern.compile(
            "\\s*([A-Za-z0-9_-]+)\\.([A-Za-z0-9_]+)\\s*(<=|>=|==|!=|<|>)\\s*(.+?)\\s*");
    private static final Pattern RELATIVE = Pattern.compile("baseline(?:\\s*([+-])\\s*(\\S+))?");

    private final String expression;
    private final String check;
    private final String metric;
    private final Comparison comparison;
    private final double bound;
    private final boolean relative;

    private Gate(String expression, String check, String metric, Comparison comparison, double bound,
            boolean relative) {
        this.expression = expression;
        this.check = check;
        this.metric = metric;
        this.comparison = comparison;
        this.bound = bound;
        this.relative = relative;
    }

    /**
     * @param expression {@code check.metric OP number}
     * @param where where the expression was written, for messages (e.g. {@code "spec.yaml:30"})
     * @return the gate
     * @throws InvalidInputException if the expression does not have that form
     */
    public static Gate parse(String expression, String where) {
        Matcher m = SYNTAX.matcher(expression);
        if (!m.matches()) {
            throw malformed(expression, where, null);
        }
        Matcher relative = RELATIVE.matcher(m.group(4));
        boolean isRelative = relative.matches();
        String number = isRelative ? relative.group(2) : m.group(4);
        double bound = number == null ? 0 : parseBound(number, expression, where);
        if (isRelative && "-".equals(relative.group(1))) {
            bound = -bound;
        }
        return new Gate(expression.trim(), m.group(1), m.group(2), Comparison.of(m.group(3)), bound, isRelative);
    }

    private static double parseBound(String text, String expression, String where) {
        double bound;
        try {
            bound = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw malformed(expression, where, e);
        }
        if (!Double.isFinite(bound)) {
            throw new InvalidInputException(where + ": gate bound is not finite: '" + text + "'");
        }
        return bound;
    }

    private static InvalidInputException malformed(String expression, String where, Exception cause) {
        return new InvalidInputException(where + ": gate is not 'check.metric OP number' or 'check.metric OP baseline "
                + "[+|- number]' with OP one of < <= > >= == !=: '" + expression + "'", cause);
    }

    /** @return the expression as written */
    public String expression() {
        return expression;
    }

    /** @return the id of the check the gate reads */
    public String check() {
        return check;
    }

    /** @return the metric the gate reads */
    public String metric() {
        return metric;
    }

    /** @return the comparison */
    public Comparison comparison() {
        return comparison;
    }

    /** @return the number the metric is compared with, or the offset added to the baseline when relative */
    public double bound() {
        return bound;
    }

    /** @return whether the bound is relative to a baseline run */
    public boolean isRelative() {
        return relative;
    }

    /**
     * @param prior the label of the prior whose run is judged
     * @param results that run's check results
     * @return the verdict of an absolute gate
     */
    public GateResult evaluate(String prior, List<CheckResult> results) {
        return evaluate(prior, results, Optional.empty());
    }

    /**
     * @param prior the label of the prior whose run is judged
     * @param results that run's check results
     * @param baseline the baseline run, required when the gate is relative
     * @return the verdict
     * @throws InvalidInputException if the gate is relative and the baseline lacks the metric
     */
    public GateResult evaluate(String prior, List<CheckResult> results, Optional<Baseline> baseline) {
        Optional<CheckResult> result = results.stream().filter(r -> r.id().equals(check)).findFirst();
        Number value = result.flatMap(r -> r.metric(metric)).orElse(Double.NaN);
        double base = relative ? baselineValue(prior, baseline) : Double.NaN;
        double effective = relative ? base + bound : bound;
        double minAdjustedP = result.map(CheckResult::smallestAdjustedPValue).orElse(Double.NaN);
        String underpowered = result.flatMap(CheckResult::underpowered).orElse("");
        return GateResult.of(this, prior, value, effective, base,
                comparison.holds(value.doubleValue(), effective) && underpowered.isEmpty(), minAdjustedP, underpowered);
    }

    /**
     * @param prior the label of a prior the gate will judge
     * @param baseline the baseline run, when one is given
     * @return the metric's value in the baseline
     * @throws InvalidInputException when the gate is relative and there is no such value
     */
    public double baselineValue(String prior, Optional<Baseline> baseline) {
        Baseline b = baseline.orElseThrow(() -> new InvalidInputException("gate '" + expression
                + "' is relative to a baseline: give one with --baseline OLD/results.json"));
        return b.value(prior, check, metric).orElseThrow(() -> new InvalidInputException(b.file()
                + ": the baseline has no metric " + check + "." + metric + " for the prior '" + prior
                + "', which gate '" + expression + "' compares with"));
    }

    /** The comparison operators a gate may use. */
    public enum Comparison {
        /** {@code <} */
        LESS("<"),
        /** {@code <=} */
        LESS_OR_EQUAL("<="),
        /** {@code >} */
        GREATER(">"),
        /** {@code >=} */
        GREATER_OR_EQUAL(">="),
        /** {@code ==} */
        EQUAL("=="),
        /** {@code !=} */
        NOT_EQUAL("!=");

        private final String symbol;

        Comparison(String symbol) {
            this.symbol = symbol;
        }

        static Comparison of(String symbol) {
            for (Comparison c : values()) {
                if (c.symbol.equals(symbol)) {
                    return c;
                }
            }
            throw new IllegalArgumentException(symbol);
        }

        /** @return the operator as written, e.g. {@code ">="} */
        public String symbol() {
            return symbol;
        }

        /**
         * @param value the metric's value
         * @param bound the gate's bound
         * @return whether {@code value OP bound}; false whenever the value is NaN
         */
        public boolean holds(double value, double bound) {
            if (Double.isNaN(value)) {
                return false;
            }
            switch (this) {
                case LESS:
                    return value < bound;
                case LESS_OR_EQUAL:
                    return value <= bound;
                case GREATER:
                    return value > bound;
                case GREATER_OR_EQUAL:
                    return value >= bound;
                case EQUAL:
                    return value == bound;
                default:
                    return value != bound;
            }
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s.%s %s %s", check, metric, comparison.symbol(), bound);
    }
}
