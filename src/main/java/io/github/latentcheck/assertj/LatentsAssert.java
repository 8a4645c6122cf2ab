package io.github.latentcheck.assertj;

import io.github.latentcheck.data.Latents;
import io.github.latentcheck.data.Samples;

/** Assertions on latent vectors; made by {@link LatentAssertions#assertThat(Latents)}. */
public final class LatentsAssert extends AbstractSamplesAssert<LatentsAssert, Latents> {
    LatentsAssert(Latents actual) {
        super(actual, LatentsAssert.class);
    }

    @Override
    protected int rows() {
        return actual.rows();
    }

    @Override
    protected int columns() {
        return actual.dimension();
    }

    @Override
    protected double[] column(int c) {
        return actual.column(c);
    }

    @Override
    protected String columnName(int c) {
        return "z" + c;
    }

    @Override
    protected Samples asSamples() {
        return actual.toSamples();
    }

    @Override
    protected String noun() {
        return "latents";
    }
}
