package io.github.latentcheck.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.run.Experiment;
import io.github.latentcheck.run.ExperimentResult;
import io.github.latentcheck.run.ExperimentRunner;
import io.github.latentcheck.spec.ExperimentSpec;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class InterpolationCheckTest {
    private static CheckResult run(String generator, String data, String prior, int latentDim) {
        String yaml = "name: interpolation\nseed: 3\nsamples: 50\nlatent_dim: " + latentDim + "\npriors: [" + prior
                + "]\ngenerator: " + generator + "\ndata: {training: fixtures/data/" + data
                + "_train.npy, holdout: fixtures/data/" + data + "_holdout.npy}\n"
                + "checks: [{type: interpolation, pairs: 8, steps: 7, image_shape: [8, 8]}]\n";
        if (!data.equals("digits")) {
            yaml = yaml.replace(", image_shape: [8, 8]", "");
        }
        Experiment experiment = Experiment.load(ExperimentSpec.parse(yaml, Path.of("interpolation.yaml")));
        ExperimentResult result = ExperimentRunner.withDefaults().withThreads(2).run(experiment);
        return result.runs().get(0).checks().get(0);
    }

    @Test
    void theCopierSnapsOntoTrainingRowsAllAlongThePath() {
        CheckResult r = run("{type: copier}", "digits", "gaussian", 8);

        assertThat(r.metric("paths").orElseThrow()).isEqualTo(8L);
        assertThat(r.metric("stepsPerPath").orElseThrow()).isEqualTo(7L);
        assertThat(r.metric("interiorSnapFraction").orElseThrow().doubleValue()).isEqualTo(1.0);
        assertThat(r.metric("holdoutSnapFraction").orElseThrow().doubleValue()).isLessThan(0.2);
        assertThat(r.metric("snapExcessPValue").orElseThrow().doubleValue()).isLessThan(1e-20);
        assertThat(r.passed()).as("a copier's headline agrees with its snap fraction").isFalse();
        assertThat(r.state()).isEqualTo(CheckResult.State.FAILED);
        assertThat(r.metric("medianTrainingDistance").orElseThrow().doubleValue()).isLessThan(0.01);
        assertThat(r.imageGrids()).hasSize(1);
        assertThat(r.imageGrids().get(0).rows()).hasSize(5).allSatisfy(row -> assertThat(row.images()).hasSize(7));
        assertThat(r.charts()).hasSize(2);
    }

    /**
     * The ring sampler draws fresh points: in 2-D, for a locally uniform density a fresh point has
     * d1/d2 &lt; 1/3 with probability (1/3)² = 1/9, so about 11% snap by chance, far from the copier's 100%.
     */
    @Test
    void aSamplerThatDrawsFreshPointsRarelySnaps() {
        CheckResult r = run("{type: ring}", "ring8", "{type: uniform}", 3);

        assertThat(r.metric("interiorSnapFraction").orElseThrow().doubleValue()).isLessThan(0.3);
        assertThat(r.metric("snapExcessPValue").orElseThrow().doubleValue()).isGreaterThan(0.01);
        assertThat(r.passed()).isTrue();
        assertThat(r.metric("medianTrainingDistance").orElseThrow().doubleValue()).isGreaterThan(0);
        assertThat(r.imageGrids()).isEmpty();
    }

    @Test
    void theFileGeneratorCannotServe() {
        String yaml = "name: x\nsamples: 10\nlatent_dim: 1\npriors: [gaussian]\n"
                + "generator: {type: file, path: fixtures/data/ring8_holdout.npy}\n"
                + "data: {training: fixtures/data/ring8_train.npy, holdout: fixtures/data/ring8_holdout.npy}\n"
                + "checks: [interpolation]\n";
        assertThatThrownBy(() -> Experiment.load(ExperimentSpec.parse(yaml, Path.of("x.yaml"))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("x.yaml:5").hasMessageContaining("check 'interpolation' calls the generator");
    }
}
