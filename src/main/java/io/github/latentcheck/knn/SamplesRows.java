package io.github.latentcheck.knn;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.data.Precision;
import io.github.latentcheck.data.Samples;

/**
 * {@link ReferenceRows} over {@link Samples} in memory, read in place: the search copies one block at
 * a time into its packed layout and never the whole matrix (10⁵ rows of 512 floats are 200 MB).
 */
final class SamplesRows implements ReferenceRows {
    private final Samples samples;

    private SamplesRows(Samples samples) {
        this.samples = samples;
    }

    /**
     * @param samples the rows
     * @param name what to call the rows in a message, e.g. {@code "reference rows"}
     * @return the rows
     * @throws InvalidInputException naming the row and column of the first value that is not finite
     */
    static SamplesRows of(Samples samples, String name) {
        long bad = samples.firstNonFinite();
        if (bad >= 0) {
            int columns = samples.columns();
            throw new InvalidInputException(name + " row " + bad / columns + " column " + bad % columns
                    + " is not finite: " + samples.value((int) (bad / columns), (int) (bad % columns)));
        }
        return new SamplesRows(samples);
    }

    @Override
    public int rows() {
        return samples.rows();
    }

    @Override
    public int columns() {
        return samples.columns();
    }

    @Override
    public Precision precision() {
        return samples.precision();
    }

    @Override
    public void copyBlock(int from, int to, float[] dst) {
        samples.copyRows(from, to, dst);
    }

    @Override
    public void copyBlock(int from, int to, double[] dst, int at) {
        samples.copyRows(from, to, dst, at);
    }
}
