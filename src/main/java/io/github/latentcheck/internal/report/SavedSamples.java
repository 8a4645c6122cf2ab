package io.github.latentcheck.internal.report;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.data.SampleFiles;
import io.github.latentcheck.internal.text.SafeText;
import io.github.latentcheck.run.ExperimentResult;
import io.github.latentcheck.run.PriorRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps a run's latents and generated samples next to its report, so that they can be replayed
 * (a {@code file} prior reads the latents back), inspected in numpy, or fed to other tools. For each
 * prior it writes {@code latents-<prior>.npy} (float64, exactly the latents the generator was fed)
 * and {@code samples-<prior>.npy} (float32, one row per latent), each written under a temporary name
 * and moved into place. Characters of a prior label other than letters, digits, {@code .}, {@code _}
 * and {@code -} become {@code _} in the file names.
 */
public final class SavedSamples {
    private SavedSamples() {
    }

    /**
     * @param directory an existing folder, usually the staged report folder ({@link ReportFolder#write})
     * @param result the finished run
     * @return the files written, two per prior, in spec order
     * @throws InvalidInputException if a file cannot be written
     */
    public static List<Path> write(Path directory, ExperimentResult result) {
        List<Path> written = new ArrayList<>();
        for (PriorRun run : result.runs()) {
            String name = SafeText.fileName(run.label());
            Path latents = directory.resolve("latents-" + name + ".npy");
            Path samples = directory.resolve("samples-" + name + ".npy");
            SampleFiles.write(latents, run.latents());
            written.add(latents);
            SampleFiles.write(samples, run.samples());
            written.add(samples);
        }
        return written;
    }

}
