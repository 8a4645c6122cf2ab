package io.github.latentcheck.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.check.Check;
import io.github.latentcheck.check.CheckInput;
import io.github.latentcheck.check.CheckResult;
import io.github.latentcheck.check.Requirement;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GateTest {
    /** A check that only names itself, so results can be built by hand. */
    private static final Check COVERAGE = new Check() {
        @Override
        public String id() {
            return "mode-coverage";
        }

        @Override
        public String type() {
            return "mode-coverage";
        }

        @Override
        public Set<String> metricNames() {
            return Set.of("modesCovered", "ratio");
        }

        @Override
        public Set<Requirement> requirements() {
            return Set.of();
        }

        @Override
        public CheckResult run(CheckInput input) {
            throw new UnsupportedOperationException();
        }
    };

    private static List<CheckResult> results(double ratio) {
        return List.of(CheckResult.builder(COVERAGE).metric("modesCovered", 8L).metric("ratio", ratio).build());
    }

    @ParameterizedTest
    @CsvSource({"<, LESS", "<=, LESS_OR_EQUAL", ">, GREATER", ">=, GREATER_OR_EQUAL", "==, EQUAL", "!=, NOT_EQUAL"})
    void parsesEveryOperator(String symbol, Gate.Comparison comparison) {
        Gate gate = Gate.parse("  mode-coverage.modesCovered " + symbol + " 8 ", "spec.yaml:3");
        assertThat(gate.check()).isEqualTo("mode-coverage");
        assertThat(gate.metric()).isEqualTo("modesCovered");
        assertThat(gate.comparison()).isEqualTo(comparison);
        assertThat(gate.comparison().symbol()).isEqualTo(symbol);
        assertThat(gate.bound()).isEqualTo(8);
        assertThat(gate.expression()).isEqualTo("mode-coverage.modesCovered " + symbol + " 8");
        assertThat(Gate.parse("a.b" + symbol + "-1.5e-3", "w").bound()).isEqualTo(-1.5e-3);
    }

    @ParameterizedTest(name = "{0} {1} {2} is {3}")
    @CsvSource({
        "0.5, <, 0.5, false", "0.4, <, 0.5, true", "0.6, <, 0.5, false",
        "0.5, <=, 0.5, true", "0.4, <=, 0.5, true", "0.6, <=, 0.5, false",
        "0.5, >, 0.5, false", "0.6, >, 0.5, true", "0.4, >, 0.5, false",
        "0.5, >=, 0.5, true", "0.6, >=, 0.5, true", "0.4, >=, 0.5, false",
        "0.5, ==, 0.5, true", "0.6, ==, 0.5, false",
        "0.5, !=, 0.5, false", "0.6, !=, 0.5, true"})
    void evaluatesIncludingBoundaryEquality(double value, String op, double bound, boolean passes) {
        GateResult r = Gate.parse("mode-coverage.ratio " + op + " " + bound, "w").evaluate("gaussian", results(value));
        assertThat(r.passed()).isEqualTo(passes);
        assertThat(r.value().doubleValue()).isEqualTo(value);
        assertThat(r.prior()).isEqualTo("gaussian");
    }

    @ParameterizedTest
    @CsvSource({"<", "<=", ">", ">=", "==", "!="})
    void aNaNMetricFailsEveryGate(String op) {
        assertThat(Gate.parse("mode-coverage.ratio " + op + " 1", "w").evaluate("p", results(Double.NaN)).passed())
                .isFalse();
        assertThat(Gate.parse("absent.ratio " + op + " 1", "w").evaluate("p", results(0)).passed())
                .as("a missing check reads as NaN").isFalse();
    }

    @Test
    void readsIntegerMetricsExactly() {
        GateResult r = Gate.parse("mode-coverage.modesCovered >= 8", "w").evaluate("p", results(0));
        assertThat(r.passed()).isTrue();
        assertThat(r.value()).isEqualTo(8L);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "modesCovered >= 8", "mode-coverage.modesCovered => 8", "mode-coverage.modesCovered = 8",
        "mode-coverage.modesCovered >= ", "mode-coverage.modesCovered >= 8 9", "mode-coverage >= 8",
        "mode coverage.x >= 8", "mode-coverage.modesCovered >= eight"})
    void refusesMalformedExpressions(String expression) {
        assertThatThrownBy(() -> Gate.parse(expression, "spec.yaml:30")).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("spec.yaml:30: gate ").hasMessageContaining("'");
    }

    @Test
    void refusesANonFiniteBound() {
        assertThatThrownBy(() -> Gate.parse("a.b < Infinity", "w")).isInstanceOf(InvalidInputException.class)
                .hasMessage("w: gate bound is not finite: 'Infinity'");
        assertThatThrownBy(() -> Gate.parse("a.b < NaN", "w")).isInstanceOf(InvalidInputException.class)
                .hasMessage("w: gate bound is not finite: 'NaN'");
    }
}
