package io.github.latentcheck.generator;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.data.Latents;
import io.github.latentcheck.data.SampleFiles;
import io.github.latentcheck.data.Samples;
import io.github.latentcheck.spec.Options;
import java.nio.file.Path;

/**
 * Samples generated elsewhere (for example by a PyTorch script) and saved as {@code .npy} or
 * {@code .csv}: batch after batch, it returns the file's next rows, ignoring the latents. A run asks
 * for at most as many samples as the file holds.
 */
final class FileGenerator implements Generator {
    private final Samples samples;
    private final String source;
    private final int dimension;
    private int next;

    private FileGenerator(Samples samples, String source, int dimension) {
        this.samples = samples;
        this.source = source;
        this.dimension = dimension;
    }

    /**
     * @param samples the precomputed samples
     * @param source where they came from, for messages
     * @param latentDimension the dimension of the latents the run draws (they are ignored)
     * @return the generator, positioned at the first row
     */
    public static FileGenerator of(Samples samples, String source, int latentDimension) {
        return new FileGenerator(samples, source, latentDimension);
    }

    @Override
    public int inputDimension() {
        return dimension;
    }

    @Override
    public int outputDimension() {
        return samples.columns();
    }

    @Override
    public Samples generate(Latents latents) {
        int n = latents.rows();
        if (next + n > samples.rows()) {
            throw new InvalidInputException(source + ": has " + samples.rows()
                    + " rows, fewer than the samples the run asks for");
        }
        Samples out = samples.slice(next, next + n);
        next += n;
        return out;
    }

    /** Provides {@code type: file} with {@code path} and optional {@code columns}. */
    public static final class Provider implements GeneratorProvider {
        @Override
        public String type() {
            return "file";
        }

        @Override
        public Generator create(Options options, GeneratorContext context) {
            Path path = options.requirePath("path");
            var columns = options.strings("columns");
            Samples samples = columns.isEmpty() ? SampleFiles.readSamples(path) : SampleFiles.readSamples(path, columns);
            return of(samples, path.toString(), context.prior().dimension());
        }
    }
}
