package io.github.latentcheck.knn;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.latentcheck.data.Samples;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The block test of {@link BlockCandidates}: a query may skip a reference block only when no row of it
 * would pass the row test, so the rows offered, and with them the answer, stay those of the row test.
 */
class BlockSkipTest {
    /**
     * The proof's claim checked directly, in the float arithmetic the kernel uses: whenever a row's lower bound
     * {@code fl(fl(fma(acc, -2, t)) - fl(fma(t, c, e0)))} passes the threshold, {@code fl(acc - fl(pn * kappa_h))}
     * is at least the query's bound. The dot products are taken at and around the boundary where the row test
     * flips (every float within 64 ulps of it), with norms and thresholds over 60 binades, so a bound that is
     * one ulp too tight fails here. No tolerance: the implication is exact.
     */
    @ParameterizedTest(name = "d={0}")
    @ValueSource(ints = {1, 4, 16, 64, 512, 4000})
    void aSkippedRowNeverPassesTheRowTest(int d) {
        SplittableRandom rng = new SplittableRandom(d);
        for (ReferenceRows source : new ReferenceRows[] {null, SamplesRows.of(Samples.of(1, d, new float[d]), "x")}) {
            BlockCandidates sink = new BlockCandidates(1, d, 1, 16, false, source);
            float c = sink.errorScale;
            float e0 = sink.errorFloor;
            float[] queryNorm = new float[1];
            for (int trial = 0; trial < 20_000; trial++) {
                queryNorm[0] = (float) Math.scalb(rng.nextDouble(), rng.nextInt(-30, 30));
                float pn = trial % 5 == 0 ? 0f : (float) Math.scalb(rng.nextDouble(), rng.nextInt(-30, 30));
                sink.startQueries(new float[d], null, queryNorm, 0, 1);
                float threshold = trial % 7 == 0 ? 0f : (float) Math.scalb(rng.nextDouble(), rng.nextInt(-40, 32));
                sink.thresholds[0] = threshold;
                float bound = sink.skipBound(0);
                float h = pn * sink.skipScale;
                float t = queryNorm[0] + pn;
                float e = Math.fma(t, c, e0);
                float boundary = (float) (((double) t - e - threshold) / 2);
                float acc = boundary;
                for (int step = 0; step < 64; step++) {
                    acc = Math.nextDown(acc);
                }
                for (int step = 0; step < 128; step++, acc = Math.nextUp(acc)) {
                    float lower = Math.fma(acc, -2f, t) - e;
                    if (lower <= threshold) {
                        assertThat(acc - h).as("d=%d qn=%s pn=%s threshold=%s acc=%s", d, queryNorm[0], pn, threshold,
                                acc).isGreaterThanOrEqualTo(bound);
                    }
                }
            }
        }
    }

    /**
     * Searches over many reference blocks, where queries skip most blocks, against the brute-force search, bit for
     * bit: rows far from the origin in a tight cluster (the expansion cancels, the margins are widest), integer rows
     * with exact ties spread over every block, float64 rows, within one set, block by block, 1 and 3 threads.
     */
    @ParameterizedTest(name = "d={0}")
    @ValueSource(ints = {4, 16, 64, 130})
    void searchesThatSkipBlocksMatchBruteForce(int d) {
        int m = 9000;
        Samples[] referenceSets = {
            BruteForce.uniform(d, m, d, 1, 0),
            BruteForce.uniform(d + 1, m, d, 1e-3, 1e4),
            BruteForce.integers(d + 2, m, d, 2),
        };
        Samples[] querySets = {
            BruteForce.uniform(d + 3, 30, d, 1, 0),
            BruteForce.uniform(d + 4, 30, d, 1e-3, 1e4),
            BruteForce.integers(d + 5, 30, d, 2),
        };
        for (int set = 0; set < referenceSets.length; set++) {
            Samples reference = referenceSets[set];
            Samples queries = querySets[set];
            for (int k : new int[] {1, 5, 50}) {
                Object[] expected = BruteForce.search(queries, reference, k, false);
                for (int threads : new int[] {1, 3}) {
                    NearestNeighborSearch search = NearestNeighborSearch.withDefaults().withK(k).withThreads(threads)
                            .withKernel(new VectorDistanceKernel());
                    for (NearestNeighborSearch s : new NearestNeighborSearch[] {search, search.withStreamValues(1)}) {
                        Neighbors nn = s.search(queries, reference);
                        assertThat(BruteForce.indices(nn)).as("set %d k=%d", set, k).containsExactly((int[]) expected[0]);
                        assertThat(BruteForce.distances(nn)).as("set %d k=%d", set, k)
                                .containsExactly((double[]) expected[1]);
                    }
                }
            }
        }
        Samples wide = Samples.of(3000, d, widened(BruteForce.uniform(d + 6, 3000, d, 1e-3, 1e4)));
        Object[] expected = BruteForce.search(wide, wide, 5, true);
        Neighbors nn = NearestNeighborSearch.withDefaults().withK(5).withThreads(3)
                .withKernel(new VectorDistanceKernel()).searchWithin(wide);
        assertThat(BruteForce.indices(nn)).containsExactly((int[]) expected[0]);
        assertThat(BruteForce.distances(nn)).containsExactly((double[]) expected[1]);
    }

    /** @return the rows in double, each moved by a value below float32's resolution so that float64 matters */
    private static double[] widened(Samples rows) {
        double[] v = new double[rows.rows() * rows.columns()];
        SplittableRandom rng = new SplittableRandom(7);
        for (int i = 0; i < v.length; i++) {
            v[i] = rows.value(i / rows.columns(), i % rows.columns()) + rng.nextDouble() * 1e-6;
        }
        return v;
    }
}
