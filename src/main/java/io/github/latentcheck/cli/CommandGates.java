package io.github.latentcheck.cli;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.check.Check;
import io.github.latentcheck.gate.Gate;
import io.github.latentcheck.gate.GateResult;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The criteria of the commands that judge a file ({@code audit}, {@code coverage}) and how their
 * verdicts are printed: {@code --gate} options when given, else the checks' own criteria
 * ({@link Check#criteria()}); the same gate syntax as specs.
 */
final class CommandGates {
    private CommandGates() {
    }

    /**
     * @param options the {@code --gate} expressions, possibly none
     * @param checks the checks the command runs
     * @return the options, each checked to parse and to name one of the checks; or, when none is
     *     given, every check's own criteria
     * @throws InvalidInputException naming the option when an expression is malformed or names no check
     */
    static List<String> criteria(List<String> options, Check... checks) {
        if (options.isEmpty()) {
            List<String> criteria = new ArrayList<>();
            for (Check check : checks) {
                criteria.addAll(check.criteria());
            }
            return List.copyOf(criteria);
        }
        Set<String> ids = Arrays.stream(checks).map(Check::id)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        for (String option : options) {
            Gate gate = Gate.parse(option, "--gate");
            if (!ids.contains(gate.check())) {
                throw new InvalidInputException("--gate '" + option + "': no check '" + gate.check()
                        + "' here; the checks are " + ids);
            }
        }
        return List.copyOf(options);
    }

    /**
     * Prints one line per gate verdict: the expression, the value and pass or FAIL with its reason.
     *
     * @param out where to print
     * @param gates the verdicts
     */
    static void printTable(PrintWriter out, List<GateResult> gates) {
        if (gates.isEmpty()) {
            return;
        }
        int priorWidth = Math.max(5, gates.stream().mapToInt(g -> g.prior().length()).max().orElse(5));
        int gateWidth = Math.max(4, gates.stream().mapToInt(g -> g.expression().length()).max().orElse(4));
        String row = "%-" + priorWidth + "s  %-" + gateWidth + "s  %12s  %s%n";
        out.printf(Locale.ROOT, row, "prior", "gate", "value", "result");
        for (GateResult gate : gates) {
            out.printf(Locale.ROOT, row, gate.prior(), gate.expression(), format(gate.value()),
                    gate.passed() ? "pass" : gate.reason().isEmpty() ? "FAIL" : "FAIL (" + gate.reason() + ")");
        }
    }

    private static String format(Number value) {
        if (value instanceof Long || value instanceof Integer) {
            return value.toString();
        }
        return String.format(Locale.ROOT, "%.6g", value.doubleValue());
    }
}
