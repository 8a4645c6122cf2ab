package io.github.latentcheck.generator;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.data.Latents;
import io.github.latentcheck.data.Samples;
import io.github.latentcheck.features.Image;
import io.github.latentcheck.features.ImageFolder;
import io.github.latentcheck.spec.Options;
import java.nio.file.Path;

/**
 * Images generated elsewhere, a folder of PNG/JPEG files ({@link ImageFolder}: in name order, decoded to [0, 1]):
 * batch after batch it returns the next images as rows of {@code C·H·W} values (channel-first) with the image shape
 * {@code [C, H, W]}, ignoring the latents, and decodes only the batch it returns. Every image must have the size
 * and channels of the first; a run asks for at most as many samples as the folder holds.
 */
final class ImagesGenerator implements Generator {
    private final ImageFolder folder;
    private final int dimension;
    private final int[] shape;
    private final int batch;
    private int next;

    private ImagesGenerator(ImageFolder folder, int dimension, int[] shape, int batch) {
        this.folder = folder;
        this.dimension = dimension;
        this.shape = shape;
        this.batch = batch;
    }

    /**
     * @param folder the folder of generated images
     * @param latentDimension the dimension of the latents the run draws (they are ignored)
     * @param batch the images per batch, at least 1
     * @return the generator, at the first image
     * @throws InvalidInputException if the folder holds no image or its first image cannot be decoded
     */
    public static ImagesGenerator of(Path folder, int latentDimension, int batch) {
        ImageFolder images = ImageFolder.of(folder);
        Image first = images.read(0);
        return new ImagesGenerator(images, latentDimension,
                new int[] {first.channels(), first.height(), first.width()}, batch);
    }

    @Override
    public int inputDimension() {
        return dimension;
    }

    @Override
    public int outputDimension() {
        return shape[0] * shape[1] * shape[2];
    }

    @Override
    public int batchSize() {
        return batch;
    }

    @Override
    public Samples generate(Latents latents) {
        int n = latents.rows();
        if (next + n > folder.size()) {
            throw new InvalidInputException(folder.description() + ": holds " + folder.size()
                    + " images, fewer than the samples the run asks for");
        }
        int values = outputDimension();
        int plane = shape[1] * shape[2];
        float[] out = new float[n * values];
        for (int i = 0; i < n; i++) {
            Image image = folder.read(next + i);
            if (image.channels() != shape[0] || image.height() != shape[1] || image.width() != shape[2]) {
                throw new InvalidInputException(folder.name(next + i) + ": is " + image.height() + " x "
                        + image.width() + " with " + image.channels() + " channel(s), but the first image of the "
                        + "folder is " + shape[1] + " x " + shape[2] + " with " + shape[0]
                        + "; generated images share one size");
            }
            for (int c = 0; c < shape[0]; c++) {
                for (int y = 0; y < shape[1]; y++) {
                    for (int x = 0; x < shape[2]; x++) {
                        out[i * values + c * plane + y * shape[2] + x] = image.value(y, x, c);
                    }
                }
            }
        }
        next += n;
        return Samples.ofOwned(n, values, out).withImageShape(shape);
    }

    /** Provides {@code type: images} with {@code path} (a folder) and {@code batch} (256). */
    public static final class Provider implements GeneratorProvider {
        @Override
        public String type() {
            return "images";
        }

        @Override
        public Generator create(Options options, GeneratorContext context) {
            return of(options.requirePath("path"), context.prior().dimension(), options.integer("batch", 256, 1));
        }
    }
}
