package io.github.latentcheck.features;

import io.github.latentcheck.data.Samples;
import java.util.function.LongConsumer;

/**
 * The feature stage's seam, as {@link io.github.latentcheck.generator.Generator} is the generator's: an embedding
 * that maps images to feature vectors, one row per image, in order ({@link OnnxFeatures} runs an ONNX model).
 * Implementations are deterministic: the same images give the same features, so they may be
 * {@linkplain FeatureCache cached}.
 */
public interface Features extends AutoCloseable {
    /** @return the values per feature vector */
    int dimension();

    /** @return what identifies the embedding in the cache's key and the report: the model file's SHA-256 (hex) */
    String modelSha256();

    /**
     * @return everything but the model file that decides the features (input and output names, preprocessing), as
     *     one line: with {@link #modelSha256()} the embedding's part of the cache's key
     */
    String settings();

    /** @return the model file and its {@link #settings()}, for the report */
    String description();

    /**
     * @param images the images, read one batch at a time
     * @param progress told the number of images done after each batch
     * @return one row of {@link #dimension()} float32 features per image
     * @throws io.github.latentcheck.InvalidInputException naming the image or the model when one fails
     */
    Samples embed(ImageSource images, LongConsumer progress);

    /** Releases the model. */
    @Override
    void close();
}
