package io.github.latentcheck.assertj;

import io.github.latentcheck.data.Samples;

/** Assertions on generated samples or any {@link Samples}; made by {@link LatentAssertions#assertThat(Samples)}. */
public final class SamplesAssert extends AbstractSamplesAssert<SamplesAssert, Samples> {
    SamplesAssert(Samples actual) {
        super(actual, SamplesAssert.class);
    }

    @Override
    protected int rows() {
        return actual.rows();
    }

    @Override
    protected int columns() {
        return actual.columns();
    }

    @Override
    protected double[] column(int c) {
        return actual.column(c);
    }

    @Override
    protected String columnName(int c) {
        return actual.columnNames().get(c);
    }

    @Override
    protected Samples asSamples() {
        return actual;
    }

    @Override
    protected String noun() {
        return "samples";
    }
}
