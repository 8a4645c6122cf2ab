package io.github.latentcheck.prior;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.data.Latents;
import io.github.latentcheck.internal.concurrent.Tasks;
import java.util.Arrays;
import org.apache.commons.rng.JumpableUniformRandomProvider;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

class LatentSamplerTest {
    private static final int BLOCK = LatentSampler.BLOCK_ROWS;
    private static final Prior PRIOR = GaussianPrior.of(3);

    @Test
    void sameSeedGivesIdenticalLatentsForEveryThreadCount() {
        int rows = 5 * BLOCK + 17;
        double[] one = LatentSampler.sample(PRIOR, rows, 42, 1).toArray();
        for (int threads : new int[] {2, 3, 7}) {
            assertThat(LatentSampler.sample(PRIOR, rows, 42, threads).toArray()).as("%d threads", threads)
                    .isEqualTo(one);
        }
        assertThat(LatentSampler.sample(PRIOR, rows, 42, 1).toArray()).isEqualTo(one);
    }

    @Test
    void differentSeedsGiveDifferentLatents() {
        double[] a = LatentSampler.sample(PRIOR, 100, 42, 1).toArray();
        double[] b = LatentSampler.sample(PRIOR, 100, 43, 1).toArray();
        for (int i = 0; i < a.length; i++) {
            assertThat(a[i]).as("value %d", i).isNotEqualTo(b[i]);
        }
    }

    @Test
    void rowCountsAroundABlockBoundaryArePrefixesOfOneAnother() {
        double[] longest = LatentSampler.sample(PRIOR, 2 * BLOCK + 1, 9, 3).toArray();
        for (int rows : new int[] {1, BLOCK - 1, BLOCK, BLOCK + 1, 2 * BLOCK - 1, 2 * BLOCK}) {
            Latents latents = LatentSampler.sample(PRIOR, rows, 9, 3);
            assertThat(latents.rows()).isEqualTo(rows);
            assertThat(latents.toArray()).as("%d rows", rows).isEqualTo(Arrays.copyOf(longest, rows * 3));
        }
    }

    /**
     * Documents the stream layout: block 0 is drawn from XoShiRo256++ seeded with the seed itself,
     * block b from that generator after b jumps of 2^128 draws, each block's rows in order.
     */
    @Test
    void blockBIsDrawnFromTheSeededGeneratorAfterBJumps() {
        long seed = 20240601L;
        int rows = 2 * BLOCK + 5;
        double[] actual = LatentSampler.sample(PRIOR, rows, seed, 2).toArray();
        JumpableUniformRandomProvider root = (JumpableUniformRandomProvider) RandomSource.XO_SHI_RO_256_PP.create(seed);
        double[] expected = new double[rows * 3];
        for (int b = 0; b < 3; b++) {
            UniformRandomProvider stream = root.jump();
            for (int r = b * BLOCK; r < Math.min(rows, (b + 1) * BLOCK); r++) {
                PRIOR.sample(stream, expected, r * 3);
            }
        }
        assertThat(actual).isEqualTo(expected);

        double[] firstBlock = new double[BLOCK * 3];
        UniformRandomProvider direct = RandomSource.XO_SHI_RO_256_PP.create(seed);
        for (int r = 0; r < BLOCK; r++) {
            PRIOR.sample(direct, firstBlock, r * 3);
        }
        assertThat(Arrays.copyOf(actual, BLOCK * 3)).isEqualTo(firstBlock);
    }

    @Test
    void streamsAreTheSuccessiveJumps() {
        UniformRandomProvider root = RandomSource.XO_SHI_RO_256_PP.create(5L);
        long first = root.nextLong();
        var streams = Tasks.streams(5L, 2);
        assertThat(streams).hasSize(2);
        assertThat(streams.get(0).nextLong()).isEqualTo(first);
        assertThat(streams.get(1).nextLong()).isNotEqualTo(first);
    }

    @Test
    void refusesFewerThanOneRow() {
        assertThatThrownBy(() -> LatentSampler.sample(PRIOR, 0, 1, 1)).isInstanceOf(InvalidInputException.class)
                .hasMessage("sample count is not at least 1: 0");
    }

    @Test
    void refusesMoreValuesThanOneArrayHolds() {
        assertThatThrownBy(() -> LatentSampler.sample(GaussianPrior.of(1 << 16), 1 << 16, 1, 1))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("65536 * 65536");
    }
}
