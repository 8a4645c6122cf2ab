package io.github.latentcheck.internal.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.math3.ml.clustering.CentroidCluster;
import org.apache.commons.math3.ml.clustering.DoublePoint;
import org.apache.commons.math3.ml.clustering.KMeansPlusPlusClusterer;
import org.apache.commons.math3.ml.distance.EuclideanDistance;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link KMeansPlusPlus} is commons-math3's {@code KMeansPlusPlusClusterer} (Euclidean, largest-variance
 * strategy) on primitive arrays: its centres must equal that class's, bit for bit, from the same seed. The data
 * include Gaussian blobs, integer grids with many duplicate rows and as many clusters as distinct rows (so
 * clusters empty out and the largest-variance draw runs), and iteration caps that stop before convergence. The
 * rows are assigned in blocks of 512 on the threads, so the larger cases run on several threads too; each case
 * runs with the distance bounds that let the assignment skip centres and without them. The two cases of
 * 20 clusters over up to 300 iterations (64 columns of blobs, 8 of one Gaussian) are the audit's shape.
 */
class KMeansPlusPlusTest {
    @ParameterizedTest(name = "n={0} d={1} k={2} levels={3} iterations={4}")
    @CsvSource({
        "500, 2, 8, 0, 100",
        "2000, 16, 40, 0, 100",
        "1200, 64, 30, 0, 3",
        "300, 3, 20, 3, 100",
        "400, 2, 9, 3, 100",
        "250, 1, 6, 6, 50",
        "600, 5, 60, 2, 300",
        "3000, 64, 20, 0, 300",
        "2000, 8, 20, -1, 300",
    })
    void centresEqualCommonsMathsBitForBit(int n, int d, int k, int levels, int iterations) {
        for (long seed = 0; seed < 4; seed++) {
            SplittableRandom rng = new SplittableRandom(seed * 31 + n);
            double[] rows = new double[n * d];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = levels < 0 ? rng.nextGaussian() : levels == 0 ? rng.nextGaussian() + 4 * (i / d % 5)
                        : rng.nextInt(levels);
            }
            List<DoublePoint> points = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                double[] row = new double[d];
                System.arraycopy(rows, i * d, row, 0, d);
                points.add(new DoublePoint(row));
            }
            List<CentroidCluster<DoublePoint>> expected = new KMeansPlusPlusClusterer<DoublePoint>(k, iterations,
                    new EuclideanDistance(), new Well19937c(seed)).cluster(points);
            for (int threads : new int[] {1, 3}) {
                for (long maxBounds : new long[] {Long.MAX_VALUE, 0}) {
                    double[][] actual = KMeansPlusPlus.centres(rows, d, k, iterations, new Well19937c(seed), threads,
                            maxBounds);
                    assertThat(actual.length).as("seed %d", seed).isEqualTo(expected.size());
                    for (int c = 0; c < actual.length; c++) {
                        assertThat(actual[c]).as("seed %d centre %d, %d threads, bounds %s", seed, c, threads,
                                maxBounds > 0).containsExactly(expected.get(c).getCenter().getPoint());
                    }
                }
            }
        }
    }
}
