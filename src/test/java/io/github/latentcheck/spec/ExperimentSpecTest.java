package io.github.latentcheck.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.latentcheck.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentSpecTest {
    private static final Path QUICKSTART = Path.of("experiments", "quickstart.yaml");

    @Test
    void readsTheQuickstart() {
        ExperimentSpec spec = ExperimentSpec.read(QUICKSTART);
        assertThat(spec.name()).isEqualTo("quickstart");
        assertThat(spec.description()).startsWith("The ring-of-8 sampler fed by N(0, I_3)");
        assertThat(spec.seed()).isEqualTo(42);
        assertThat(spec.samples()).isEqualTo(10_000);
        assertThat(spec.latentDim()).isEqualTo(3);
        assertThat(spec.priors()).hasSize(1);
        assertThat(spec.priors().get(0).requireString("type")).isEqualTo("gaussian");
        assertThat(spec.generator().requireString("type")).isEqualTo("ring");
        assertThat(spec.training()).hasValue(QUICKSTART.toAbsolutePath().getParent()
                .resolve("../fixtures/data/ring8_train.npy"));
        assertThat(spec.holdout().orElseThrow()).hasFileName("ring8_holdout.npy").exists();
        assertThat(spec.checks()).extracting(o -> o.requireString("type"))
                .containsExactly("latent-ks", "moments", "marginal-ks");
        assertThat(spec.checks().get(2).number("alpha", 0)).isEqualTo(0.001);
        assertThat(spec.gates()).containsExactly(
                new ExperimentSpec.GateEntry("latent-ks.rejected == 0", QUICKSTART + ":26"),
                new ExperimentSpec.GateEntry("moments.rejected == 0", QUICKSTART + ":27"),
                new ExperimentSpec.GateEntry("marginal-ks.rejected == 0", QUICKSTART + ":28"),
                new ExperimentSpec.GateEntry("marginal-ks.maxStatistic <= 0.03", QUICKSTART + ":29"));
        assertThat(spec.output()).isEmpty();
    }

    @Test
    void shorthandListItemsAreTypesThatCarryTheirLine() {
        ExperimentSpec spec = ExperimentSpec.read(QUICKSTART);
        Options gaussian = spec.priors().get(0);
        assertThat(gaussian.where()).isEqualTo(QUICKSTART + ":10");
        assertThat(gaussian.where("type")).isEqualTo(QUICKSTART + ":10");
        assertThat(gaussian.section()).isEqualTo("priors[0]");
    }

    @Test
    void refusesAnUnknownTopLevelKeyWithItsLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("s.yaml");
        Files.write(file, List.of("name: x", "samples: 10", "priors: [gaussian]", "generator: {type: identity}",
                "gatez: []"));
        assertThatThrownBy(() -> ExperimentSpec.read(file)).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(file + ":5: unknown key 'gatez'");
    }
}
