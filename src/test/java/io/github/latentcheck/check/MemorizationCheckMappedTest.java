package io.github.latentcheck.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.chart.ImageGrid;
import io.github.latentcheck.data.Latents;
import io.github.latentcheck.data.MappedNpyFile;
import io.github.latentcheck.data.SampleFiles;
import io.github.latentcheck.data.Samples;
import io.github.latentcheck.engine.Engine;
import io.github.latentcheck.engine.Engines;
import io.github.latentcheck.generator.CopierGenerator;
import io.github.latentcheck.knn.ReferenceRows;
import io.github.latentcheck.prior.GaussianPrior;
import io.github.latentcheck.prior.LatentSampler;
import io.github.latentcheck.prior.Prior;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The memorization check on memory-mapped training rows answers as on the rows in memory. */
class MemorizationCheckMappedTest {
    private static final Path TRAIN = Path.of("fixtures", "data", "digits_train.npy");
    private static final Path HOLDOUT = Path.of("fixtures", "data", "digits_holdout.npy");

    @TempDir
    Path dir;

    @Test
    void mappedTrainingRowsGiveTheSameMetricsTableAndGalleryAsTheRowsInMemory() {
        Samples training = SampleFiles.readSamples(TRAIN);
        Samples holdout = SampleFiles.readSamples(HOLDOUT);
        Prior prior = GaussianPrior.of(8);
        Latents latents = LatentSampler.sample(prior, 400, 11, 2);
        Samples copies = CopierGenerator.of(training, 1e-4, prior).generate(latents);
        float[] mixed = copies.toFloatArray();
        System.arraycopy(holdout.toFloatArray(), 0, mixed, 0, 200 * 64);
        Samples generated = Samples.ofOwned(400, 64, mixed);
        MemorizationCheck check = MemorizationCheck.withDefaults().withImageShape(8, 8);
        CheckInput input = CheckInput.of(prior, latents, generated, training, holdout, 3, 2);

        CheckResult inMemory = check.run(input);
        List<String> steps = new ArrayList<>();
        CheckResult mapped = check.run(input.withTrainingRows(ReferenceRows.of(MappedNpyFile.open(TRAIN)))
                .withProgress((step, total) -> {
                    steps.add(step + " / " + total);
                    return done -> { };
                }));

        assertThat(mapped.metrics()).isEqualTo(inMemory.metrics());
        assertThat(mapped.tests().toString()).isEqualTo(inMemory.tests().toString());
        SampleTable expected = inMemory.sampleTable().orElseThrow();
        SampleTable actual = mapped.sampleTable().orElseThrow();
        assertThat(actual.columnNames()).isEqualTo(expected.columnNames());
        for (String column : expected.columnNames()) {
            for (int r = 0; r < expected.rows(); r++) {
                assertThat(actual.value(column, r)).as(column + " row " + r).isEqualTo(expected.value(column, r));
            }
        }
        ImageGrid grid = mapped.imageGrids().get(0);
        ImageGrid expectedGrid = inMemory.imageGrids().get(0);
        assertThat(new double[] {grid.low(), grid.high()}).containsExactly(expectedGrid.low(), expectedGrid.high());
        assertThat(grid.rows()).hasSameSizeAs(expectedGrid.rows());
        for (int r = 0; r < grid.rows().size(); r++) {
            ImageGrid.Row row = grid.rows().get(r);
            ImageGrid.Row expectedRow = expectedGrid.rows().get(r);
            assertThat(row.label()).isEqualTo(expectedRow.label());
            for (int i = 0; i < row.images().size(); i++) {
                assertThat(row.images().get(i).caption()).isEqualTo(expectedRow.images().get(i).caption());
                assertThat(row.images().get(i).pixels()).containsExactly(expectedRow.images().get(i).pixels());
            }
        }
        assertThat(steps).containsExactly(
                "nearest training rows of 997 rows and nearest generated samples of 1200 training rows / 2197");
    }

    @Test
    void checksThatNeedTheTrainingRowsInMemorySayTheyAreStreamed() {
        Samples training = SampleFiles.readSamples(TRAIN);
        CheckInput input = CheckInput.ofSamples(training, null, null, 1, 1)
                .withTrainingRows(ReferenceRows.of(MappedNpyFile.open(TRAIN)));
        assertThat(input.training()).isEmpty();
        assertThatThrownBy(input::requireTraining).isInstanceOf(InvalidInputException.class)
                .hasMessage("this check needs the training data in memory, but it is read from disk block by block "
                        + "(1200 x 64 values, too many for the heap); only the memorization check can stream it");
        Engine spark = Engines.spark("local[2]", 100);
        assertThatThrownBy(() -> input.withEngine(spark).requireTraining()).isInstanceOf(InvalidInputException.class)
                .hasMessage("this check needs the training data in memory, but engine spark reads it from its files "
                        + "in tasks; only the memorization check runs there: use the local engine for this check");
    }
}
