package org.example;

import static io.github.latentcheck.assertj.LatentAssertions.assertThat;
import static io.github.latentcheck.assertj.LatentAssertions.assertThatThrownBy;

import io.github.latentcheck.generator.GeneratorProvider;
import io.github.latentcheck.run.Experiment;
import io.github.latentcheck.run.ExperimentResult;
import io.github.latentcheck.run.ExperimentRunner;
import io.github.latentcheck.spec.ExperimentSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** YAML specs run from Java: through the provider on the class path, and through one made in the test. */
class YamlExperimentTest {
    private static ExperimentResult run(String spec, List<GeneratorProvider> providers) {
        return ExperimentRunner.withDefaults().withThreads(2)
                .run(Experiment.load(ExperimentSpec.read(Path.of("specs", spec)), providers));
    }

    @Test
    void theSpecPassesWithTheProviderOnTheClassPath() {
        ExperimentResult result = run("grid-model.yaml", List.of());

        assertThat(result).passesAllGates();
        assertThat(result).prior("gaussian").passesGate("mode-coverage.underCoveredModes == 0")
                .check("mode-coverage").metric("modesCovered").isEqualTo(25);
    }

    @Test
    void aGeneratorMadeInTheTestServesTheSpec() {
        AtomicInteger made = new AtomicInteger();
        GeneratorProvider model = GeneratorProvider.of("grid-model", (options, context) -> {
            made.incrementAndGet();
            return new GridModel(new int[0], options.number("sd", 0.05));
        });

        assertThat(run("grid-model.yaml", List.of(model))).passesAllGates();
        assertThat(made.get()).isEqualTo(2);   // once when the spec is loaded (validation), once for the run
    }

    @Test
    void aDroppedModeFailsTheCoverageGates() {
        ExperimentResult result = run("grid-model-dropped.yaml", List.of());

        assertThatThrownBy(() -> assertThat(result).passesAllGates())
                .hasMessageContaining("[gaussian] mode-coverage.modesCovered == 25: value 24, bound == 25")
                .hasMessageContaining("Reproduce with: latentcheck run specs/grid-model-dropped.yaml --seed 3");
    }
}
