package io.github.latentcheck.junit;

import io.github.latentcheck.assertj.LatentAssertions;
import io.github.latentcheck.assertj.PriorRunAssert;
import io.github.latentcheck.run.ExperimentResult;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;

/**
 * Turns a run's gates into JUnit dynamic tests: one container per prior, one test per gate, which
 * fails as {@link PriorRunAssert#passesGate(String)} does.
 */
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
                        () -> LatentAssertions.assertThat(result).prior(run.label()).passesGate(gate.expression())))));
    }
}
