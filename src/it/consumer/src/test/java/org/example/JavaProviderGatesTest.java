package org.example;

import static io.github.latentcheck.assertj.LatentAssertions.assertThat;

import io.github.latentcheck.generator.Generator;
import io.github.latentcheck.generator.GeneratorContext;
import io.github.latentcheck.generator.GeneratorProvider;
import io.github.latentcheck.junit.LatentExperiment;
import io.github.latentcheck.junit.LatentGates;
import io.github.latentcheck.run.ExperimentResult;
import io.github.latentcheck.spec.Options;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** A spec whose generator type no service file names: the test class hands the extension its provider. */
@LatentExperiment(value = "specs/grid-model-java.yaml", report = LatentExperiment.Report.NONE,
        providers = JavaProviderGatesTest.InTest.class)
class JavaProviderGatesTest {

    /** {@code generator: {type: grid-model-in-test, sd: …}}; private, as a test's helper may be. */
    static final class InTest implements GeneratorProvider {
        private InTest() {
        }

        @Override
        public String type() {
            return "grid-model-in-test";
        }

        @Override
        public Generator create(Options options, GeneratorContext context) {
            return new GridModel(new int[0], options.number("sd", 0.05));
        }
    }

    @TestFactory
    Stream<DynamicNode> gates(ExperimentResult result) {
        return LatentGates.dynamicTests(result);
    }

    @Test
    void theRunUsedTheTestsProvider(ExperimentResult result) {
        assertThat(result).passesAllGates();
        assertThat(result.experiment().generator("gaussian").requireString("type")).isEqualTo("grid-model-in-test");
    }
}
