package io.github.latentcheck.prior;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.data.Latents;
import io.github.latentcheck.internal.concurrent.Tasks;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Draws latents reproducibly. Rows are split into blocks of {@link #BLOCK_ROWS}; block b is drawn
 * from the b-th jump of a XoShiRo256++ generator seeded with the experiment seed (Blackman and Vigna
 * 2021, doi:10.1145/3460772). A jump advances the state by 2^128 draws, so the streams never
 * overlap, and because blocks are numbered by position, not by thread, the latents are the same
 * for every thread count.
 */
public final class LatentSampler {
    /** Rows per random stream. Changing it changes every draw, so it is part of the results' contract. */
    public static final int BLOCK_ROWS = 1024;

    private LatentSampler() {
    }

    /**
     * @param prior the prior
     * @param rows the number of draws, at least 1
     * @param seed the seed; the same seed gives the same latents
     * @param threads the number of threads
     * @return {@code rows} draws from {@code prior}
     */
    public static Latents sample(Prior prior, int rows, long seed, int threads) {
        if (rows < 1) {
            throw new InvalidInputException("sample count is not at least 1: " + rows);
        }
        int dim = prior.dimension();
        if ((long) rows * dim > Integer.MAX_VALUE - 8) {
            throw new InvalidInputException("samples times latent dimension is too large for one array: "
                    + rows + " * " + dim);
        }
        int blocks = (rows + BLOCK_ROWS - 1) / BLOCK_ROWS;
        List<UniformRandomProvider> streams = Tasks.streams(seed, blocks);
        double[] data = new double[rows * dim];
        Tasks.run(blocks, threads, b -> {
            UniformRandomProvider rng = streams.get(b);
            int end = Math.min(rows, (b + 1) * BLOCK_ROWS);
            prior.sampleRows(rng, end - b * BLOCK_ROWS, data, b * BLOCK_ROWS * dim);
        });
        return Latents.ofOwned(rows, dim, data);
    }
}
