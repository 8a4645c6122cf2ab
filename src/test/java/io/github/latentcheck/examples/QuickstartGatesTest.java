package io.github.latentcheck.examples;

// README:begin junit-experiment
import io.github.latentcheck.junit.LatentExperiment;
import io.github.latentcheck.junit.LatentGates;
import io.github.latentcheck.run.ExperimentResult;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

@LatentExperiment("experiments/quickstart.yaml")
class QuickstartGatesTest {

    @TestFactory
    Stream<DynamicNode> gates(ExperimentResult result) {
        return LatentGates.dynamicTests(result);
    }
}
// README:end
