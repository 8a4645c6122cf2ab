package io.github.latentcheck.encoder;

import io.github.latentcheck.data.Samples;

/**
 * The encoder of a VAE-like model: it maps data rows x to the parameters of a diagonal Gaussian
 * posterior \(q(z \mid x) = N(\mu(x), \operatorname{diag}(\sigma^2(x)))\). The checks
 * {@code aggregate-posterior}, {@code active-units} and {@code prior-holes} read it. Built in:
 * {@link OnnxEncoder}; a Java model implements this interface (tests do).
 */
public interface Encoder extends AutoCloseable {
    /** @return the values per data row the encoder takes */
    int inputDimension();

    /** @return the latent dimension d of the posterior */
    int latentDimension();

    /**
     * @param rows data rows, {@link #inputDimension()} columns each
     * @return one posterior per row
     * @throws io.github.latentcheck.InvalidInputException if the rows do not fit or the model fails
     */
    Posterior encode(Samples rows);

    /** Releases what the encoder holds; the default holds nothing. */
    @Override
    default void close() {
    }
}
