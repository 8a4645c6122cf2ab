package io.github.latentcheck.internal.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.PermutationSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/** The sparse draw is Commons RNG's PermutationSampler's, index for index, and leaves the generator where it does. */
class SparseSubsetTest {
    @Test
    void theSubsetIsPermutationSamplersForEverySizeAndSeed() {
        int[][] cases = {{1, 1}, {2, 1}, {2, 2}, {5, 5}, {10, 3}, {1000, 1}, {1000, 999}, {1000, 1000},
            {100_000, 250}, {3_000_000, 10_000}};
        for (int[] c : cases) {
            for (long seed = 0; seed < 5; seed++) {
                UniformRandomProvider a = RandomSource.XO_SHI_RO_256_PP.create(seed);
                UniformRandomProvider b = RandomSource.XO_SHI_RO_256_PP.create(seed);
                assertThat(SparseSubset.sample(a, c[0], c[1])).as("n %d, k %d, seed %d", c[0], c[1], seed)
                        .containsExactly(new PermutationSampler(b, c[0], c[1]).sample());
                assertThat(a.nextLong()).isEqualTo(b.nextLong());
            }
        }
    }

    @Test
    void aSizeOutsideOneToNIsRefused() {
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(1L);
        assertThatThrownBy(() -> SparseSubset.sample(rng, 5, 6)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("subset size is not in [1, 5]: 6");
        assertThatThrownBy(() -> SparseSubset.sample(rng, 5, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
