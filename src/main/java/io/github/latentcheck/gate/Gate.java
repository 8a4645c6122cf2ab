package io.github.latentcheck.gate;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.check.CheckResult;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pass/fail rule over one metric of one check, written {@code check.metric OP number} with OP one
 * of {@code < <= > >= == !=}, e.g. {@code mode-coverage.modesCovered >= 8}. A gate is evaluated for
 * every prior of a run; a NaN metric fails every gate.
 */
public final class Gate {
    private static final Pattern SYNTAX = Pattern.compile(
            "\\s*([A-Za-z0-9_-]+)\\.([A-Za-z0-9_]+)\\s*(<=|>=|==|!=|<|>)\\s*(\\S+)\\s*");

    private final String expression;
    private final String check;
    private final String metric;
    private final Comparison comparison;
    private final double bound;

    private Gate(String expression, String check, String metric, Comparison comparison, double bound) {
        this.expression = expression;
        this.check = check;
        this.metric = metric;
        this.comparison = comparison;
        this.bound = bound;
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
            throw new InvalidInputException(where + ": gate is not 'check.metric OP number' with OP one of "
                    + "< <= > >= == !=: '" + expression + "'");
        }
        double bound;
        try {
            bound = Double.parseDouble(m.group(4));
        } catch (NumberFormatException e) {
            throw new InvalidInputException(where + ": gate bound is not a number: '" + m.group(4) + "'", e);
        }
        if (!Double.isFinite(bound)) {
            throw new InvalidInputException(where + ": gate bound is not finite: '" + m.group(4) + "'");
        }
        return new Gate(expression.trim(), m.group(1), m.group(2), Comparison.of(m.group(3)), bound);
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

    /** @return the number the metric is compared with */
    public double bound() {
        return bound;
    }

    /**
     * @param prior the label of the prior whose run is judged
     * @param results that run's check results
     * @return the verdict
     */
    public GateResult evaluate(String prior, List<CheckResult> results) {
        Optional<CheckResult> result = results.stream().filter(r -> r.id().equals(check)).findFirst();
        Number value = result.flatMap(r -> r.metric(metric)).orElse(Double.NaN);
        double v = value.doubleValue();
        double minAdjustedP = result.flatMap(r -> r.metric("minAdjustedPValue")).map(Number::doubleValue)
                .orElse(Double.NaN);
        return GateResult.of(this, prior, value, comparison.holds(v, bound), minAdjustedP);
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
