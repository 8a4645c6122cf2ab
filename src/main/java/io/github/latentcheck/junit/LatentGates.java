package io.github.latentcheck.junit;

import io.github.latentcheck.gate.GateResult;
import io.github.latentcheck.run.ExperimentResult;
import io.github.latentcheck.run.PriorRun;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.opentest4j.AssertionFailedError;

/** Turns a run's gates into JUnit dynamic tests: one container per prior, one test per gate. */
public final class LatentGates {
    private LatentGates() {
    }

    /**
     * @param result a finished run
     * @return one container per prior holding one test per gate, named by its expression
     */
    public static Stream<DynamicNode> dynamicTests(ExperimentResult result) {
        return result.runs().stream().map(run -> DynamicContainer.dynamicContainer(
                result.experiment().name() + " [" + run.label() + "]",
                run.gates().stream().map(gate -> DynamicTest.dynamicTest(gate.expression(),
                        () -> verify(result, run, gate)))));
    }

    private static void verify(ExperimentResult result, PriorRun run, GateResult gate) {
        if (!gate.passed()) {
            throw new AssertionFailedError(String.format(Locale.ROOT,
                    "%nExpecting %s.%s of prior %s (seed %d)%nto be %s %s%nbut it was %s%s%n"
                            + "Reproduce with -Dlatentcheck.seed=%d or: latentcheck run %s --seed %d",
                    gate.gate().check(), gate.gate().metric(), run.label(), result.experiment().seed(),
                    gate.gate().comparison().symbol(), gate.bound(), gate.value(),
                    Double.isNaN(gate.checkPValue()) ? "" : String.format(Locale.ROOT,
                            "; smallest adjusted p-value of %s: %.3g", gate.gate().check(), gate.checkPValue())
                            + (gate.reason().isEmpty() ? "" : "; " + gate.reason()),
                    result.experiment().seed(), result.experiment().spec().file(), result.experiment().seed()),
                    gate.bound(), gate.value());
        }
    }
}
