package io.github.latentcheck.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.latentcheck.data.Samples;
import io.github.latentcheck.knn.NearestNeighborSearch;
import io.github.latentcheck.knn.ReferenceRows;
import io.github.latentcheck.stats.RankComparison;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The membership pass's exact count \(C = \sum_t 2\#\{h_j &gt; d_t\} + \#\{h_j = d_t\}\): equal to the
 * count over all pairs, the same for every block size and thread count, and \(C/(2NH)\) equal to the
 * rank-sum AUC up to the latter's rounding.
 */
class MembershipCountTest {
    /** @return the count over all N·H pairs, by definition */
    private static long pairs(double[] training, double[] holdout) {
        long count = 0;
        for (double d : training) {
            for (double h : holdout) {
                count += h > d ? 2 : h == d ? 1 : 0;
            }
        }
        return count;
    }

    @Test
    void theScoreCountsGreaterTwiceAndEqualOnceWithSignedZerosEqual() {
        double[] holdout = {3, 1, 2, 2, 0.0, -0.0, 5};
        MembershipRanks ranks = MembershipRanks.of(holdout);
        for (double d : new double[] {-0.0, 0.0, 0.5, 1, 2, 2.5, 5, 6}) {
            assertThat(ranks.score(d)).as("d = %s", d).isEqualTo(pairs(new double[] {d}, holdout));
        }
        // -0.0 and +0.0 are the same distance: two equal, five greater.
        assertThat(ranks.score(-0.0)).isEqualTo(12);
        assertThat(ranks.size()).isEqualTo(7);
    }

    @Test
    void theCountIsThePairCountForAnyBlockSizeAndThreadCount() {
        SplittableRandom rng = new SplittableRandom(3);
        int columns = 5;
        // Values on a coarse grid, so that many distances tie (training rows copied from the samples: 0).
        double[] t = new double[900 * columns];
        double[] s = new double[60 * columns];
        double[] h = new double[140 * columns];
        for (double[] v : new double[][] {t, s, h}) {
            for (int i = 0; i < v.length; i++) {
                v[i] = rng.nextInt(4);
            }
        }
        System.arraycopy(s, 0, t, 0, 20 * columns);
        Samples training = Samples.ofOwned(900, columns, t);
        Samples samples = Samples.ofOwned(60, columns, s);
        double[] holdout = NearestNeighborSearch.withDefaults().search(Samples.ofOwned(140, columns, h), samples)
                .distances(0);
        double[] trainingDistances = NearestNeighborSearch.withDefaults().search(training, samples).distances(0);
        long expected = pairs(trainingDistances, holdout);
        MembershipRanks ranks = MembershipRanks.of(holdout);
        for (int block : new int[] {1, 7, 128, 900, 4096}) {
            for (int threads : new int[] {1, 3}) {
                AtomicLong progress = new AtomicLong();
                long count = LocalEngine.membershipCount(ReferenceRows.of(training), samples, ranks, threads, block,
                        rows -> progress.accumulateAndGet(rows, Math::max));
                assertThat(count).as("block %d, %d threads", block, threads).isEqualTo(expected);
                assertThat(progress.get()).isEqualTo(900);
            }
        }
        assertThat(Engine.local().membershipCount(ReferenceRows.of(training), samples, holdout, 2, rows -> { }))
                .isEqualTo(expected);
        // The rank-sum form 1 − U/(NH) rounds its rank sums and the subtraction: equal within 1e-15.
        assertThat(expected / (2.0 * 900 * 140))
                .isCloseTo(RankComparison.aucLess(trainingDistances, holdout), within(1e-15));
    }
}
