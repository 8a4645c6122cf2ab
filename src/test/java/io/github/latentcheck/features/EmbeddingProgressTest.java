package io.github.latentcheck.features;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.latentcheck.run.Experiment;
import io.github.latentcheck.run.ExperimentRunner;
import io.github.latentcheck.run.ProgressListener;
import io.github.latentcheck.spec.ExperimentSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Embedding shows progress: a stage per data set with its image count, advanced batch by batch to the end. */
class EmbeddingProgressTest {
    @TempDir
    Path tmp;

    @Test
    void theTrainingAndHoldoutImagesAreEmbeddedWithAProgressLine() throws IOException {
        Path images = Golden.IMAGES.toAbsolutePath();
        Path spec = Files.writeString(tmp.resolve("progress.yaml"), """
                name: progress
                seed: 3
                samples: 40
                priors: [{type: gaussian, dim: 16}]
                generator: {type: images, path: %s}
                data:
                  training: %s
                  holdout: %s
                features: {model: %s, channels: 1, mean: [0.5], std: [0.5], batch: 500, cache: none}
                checks:
                  - {type: vendi, bootstrap: 2}
                """.formatted(images.resolve("digits-generated"), images.resolve("digits-train"),
                images.resolve("digits-holdout"), Golden.MODEL.toAbsolutePath()));
        List<String> events = new ArrayList<>();
        ProgressListener listener = new ProgressListener() {
            @Override
            public void stage(String prior, String stage, long total) {
                events.add(prior + " " + stage + " of " + total);
            }

            @Override
            public void progress(long done) {
                events.add("done " + done);
            }
        };
        ExperimentRunner.withDefaults().withThreads(1).withListener(listener)
                .run(Experiment.load(ExperimentSpec.read(spec)));

        assertThat(events).containsSubsequence("training features of 1200", "done 500", "done 1000", "done 1200",
                "holdout features of 597", "done 500", "done 597");
    }
}
