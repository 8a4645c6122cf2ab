package org.example;

import static io.github.latentcheck.assertj.LatentAssertions.assertThat;
import static io.github.latentcheck.assertj.LatentAssertions.assertThatThrownBy;

import io.github.latentcheck.data.Samples;
import io.github.latentcheck.prior.GaussianPrior;
import io.github.latentcheck.prior.LatentSampler;
import org.junit.jupiter.api.Test;

/** Fresh samples of the model are not memorized; a model that replays its training rows is caught. */
class MemorizationTest {
    private static Samples draw(int n, long seed) {
        return new GridModel(new int[0], 0.05).generate(LatentSampler.sample(GaussianPrior.of(4), n, seed, 1));
    }

    /** Seeded, so the verdict is fixed; for other seeds the data-copying test fails it with probability 1 %. */
    @Test
    void freshSamplesAreNotCopies() {
        assertThat(draw(1000, 3)).withSeed(3).isNotMemorizedFrom(draw(2000, 1)).withHoldout(draw(2000, 2))
                .copyFractionAtMost(0.2);
    }

    @Test
    void replayedTrainingRowsAreCaught() {
        Samples training = draw(2000, 1);
        float[] copies = new float[2 * 500];
        for (int r = 0; r < 500; r++) {
            copies[2 * r] = (float) (training.value(3 * r, 0) + 1e-4);
            copies[2 * r + 1] = (float) training.value(3 * r, 1);
        }
        Samples replayed = Samples.of(500, 2, copies);

        assertThatThrownBy(() -> assertThat(replayed).withSeed(1).isNotMemorizedFrom(training)
                .withHoldout(draw(2000, 2)).copyFractionAtMost(0.2))
                .hasMessageContaining("not to be memorized from 2000 training rows")
                .hasMessageContaining("of them are near-copies")
                .hasMessageContaining("the first suspects:")
                .hasMessageContaining("Reproduce with -Dlatentcheck.seed=1");
    }
}
