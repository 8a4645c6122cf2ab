package io.github.latentcheck.internal.coverage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.data.SampleFiles;
import io.github.latentcheck.data.Samples;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class NdbTest {
    private static final Samples TRAIN = SampleFiles.readSamples(Path.of("fixtures/data/ring8_train.npy"));
    private static final Samples HOLDOUT = SampleFiles.readSamples(Path.of("fixtures/data/ring8_holdout.npy"));

    /** The holdout is drawn from the training distribution: BH at 5% finds no bin (fixed data, fixed seed). */
    @Test
    void heldOutRealDataFallsIntoTheBinsAsOftenAsTheTrainingData() {
        Ndb.Result r = Ndb.withDefaults().withSeed(11).compute(TRAIN, HOLDOUT);

        assertThat(r.bins()).isEqualTo(50);
        assertThat(r.differentBins()).isZero();
        assertThat(r.ndbFraction()).isZero();
        assertThat(r.jsDivergence()).isLessThan(0.01);
        assertThat(r.tests()).hasSize(50).allSatisfy(t -> assertThat(t.name()).startsWith("bin["));
    }

    @Test
    void droppingTwoModesMakesTheirBinsAndOthersDifferent() {
        int[] component = SampleFiles.readIntegers(Path.of("fixtures/data/ring8_holdout_component.npy"));
        float[] all = HOLDOUT.toFloatArray();
        float[] kept = new float[all.length];
        int rows = 0;
        for (int i = 0; i < HOLDOUT.rows(); i++) {
            if (component[i] != 1 && component[i] != 5) {
                kept[2 * rows] = all[2 * i];
                kept[2 * rows + 1] = all[2 * i + 1];
                rows++;
            }
        }
        Samples dropped = Samples.of(rows, 2, Arrays.copyOf(kept, 2 * rows));

        Ndb.Result r = Ndb.withDefaults().withSeed(11).compute(TRAIN, dropped);

        // about 2/8 of the 50 bins lie on the dropped modes and receive nothing
        assertThat(r.differentBins()).isGreaterThanOrEqualTo(10);
        assertThat(r.ndbFraction()).isEqualTo(r.differentBins() / 50.0);
    }

    @Test
    void theBinsAndTheirCountsDoNotDependOnTheThreadCount() {
        Ndb.Result one = Ndb.withDefaults().withSeed(3).withThreads(1).compute(TRAIN, HOLDOUT);
        Ndb.Result three = Ndb.withDefaults().withSeed(3).withThreads(3).compute(TRAIN, HOLDOUT);
        assertThat(three.trainingShare()).containsExactly(one.trainingShare());
        assertThat(three.generatedShare()).containsExactly(one.generatedShare());
        assertThat(three.jsDivergence()).isEqualTo(one.jsDivergence());
        assertThatThrownBy(() -> Ndb.withDefaults().withThreads(0)).isInstanceOf(InvalidInputException.class)
                .hasMessage("threads is not at least 1: 0");
    }

    @Test
    void binsShrinkWithSmallTrainingSetsAndTheSeedFixesTheResult() {
        Samples small = Samples.of(200, 2, Arrays.copyOf(TRAIN.toArray(), 400));
        assertThat(Ndb.withDefaults().compute(small, HOLDOUT).bins()).isEqualTo(10);
        double[] first = Ndb.withDefaults().withSeed(5).compute(small, HOLDOUT).generatedShare();
        double[] again = Ndb.withDefaults().withSeed(5).compute(small, HOLDOUT).generatedShare();
        assertThat(again).containsExactly(first);
        assertThatThrownBy(() -> Ndb.withDefaults().withBins(1)).isInstanceOf(InvalidInputException.class)
                .hasMessage("bins is not at least 2: 1");
    }
}
