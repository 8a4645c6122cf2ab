package io.github.latentcheck.internal.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The dense algebra behind FD against closed forms and exact arithmetic. Tolerances: eigenvalues within
 * 64 n ε ‖A‖₂ of the closed form or of Commons Math's (a backward-stable method's error is a small multiple of
 * n ε ‖A‖₂; ‖A‖₂ ≤ 4 for the second-difference matrix, else the largest |eigenvalue|); products and scatter
 * sums within 2 k ε Σ|terms| of a naive loop (the worst-case error bound of a recursive sum of k terms,
 * Higham 2002 §3.1, for both sums compared); Cholesky reconstructions within 1e-12 d of A (entries of order d).
 */
class DenseMatricesTest {
    private static final double EPS = Math.ulp(1.0);

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 7, 64, 300})
    void eigenvaluesOfTheSecondDifferenceMatrixAreItsClosedForm(int n) {
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            a[i * n + i] = 2;
            if (i + 1 < n) {
                a[i * n + i + 1] = -1;
                a[(i + 1) * n + i] = -1;
            }
        }
        double[] expected = new double[n];
        for (int k = 1; k <= n; k++) {
            expected[k - 1] = 2 - 2 * Math.cos(k * Math.PI / (n + 1));
        }
        double[] got = DenseMatrices.symmetricEigenvalues(permuted(a, n, 11), n);
        Arrays.sort(expected);
        Arrays.sort(got);
        for (int k = 0; k < n; k++) {
            assertThat(got[k]).as("eigenvalue %d of %d", k, n).isCloseTo(expected[k], within(64 * n * EPS));
        }
    }

    @Test
    void eigenvaluesOfRandomSymmetricMatricesMatchCommonsMath() {
        Random r = new Random(3);
        for (int n : new int[] {5, 40, 257}) {
            double[] a = new double[n * n];
            for (int i = 0; i < n; i++) {
                for (int j = i; j < n; j++) {
                    double v = r.nextGaussian();
                    a[i * n + j] = v;
                    a[j * n + i] = v;
                }
            }
            double[][] rows = new double[n][];
            for (int i = 0; i < n; i++) {
                rows[i] = Arrays.copyOfRange(a, i * n, (i + 1) * n);
            }
            double[] expected = new EigenDecomposition(new Array2DRowRealMatrix(rows)).getRealEigenvalues();
            double[] got = DenseMatrices.symmetricEigenvalues(a, n);
            Arrays.sort(expected);
            Arrays.sort(got);
            double norm = Math.max(Math.abs(expected[0]), Math.abs(expected[n - 1]));
            for (int k = 0; k < n; k++) {
                assertThat(got[k]).isCloseTo(expected[k], within(64 * n * EPS * norm));
            }
        }
    }

    @Test
    void eigenvaluesAtTheRoundingLevelOfANearlySingularGramMatrixConverge() {
        Random r = new Random(8);
        int n = 300;
        double[][] points = new double[n][2];
        for (double[] p : points) {
            p[0] = r.nextGaussian();
            p[1] = r.nextGaussian();
        }
        double[] a = new double[n * n];
        double[][] rows = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double dx = points[i][0] - points[j][0];
                double dy = points[i][1] - points[j][1];
                rows[i][j] = Math.exp(-(dx * dx + dy * dy) / 4.5) / n;
                a[i * n + j] = rows[i][j];
            }
        }
        double[] expected = new EigenDecomposition(new Array2DRowRealMatrix(rows)).getRealEigenvalues();
        double[] got = DenseMatrices.symmetricEigenvalues(a, n);
        Arrays.sort(expected);
        Arrays.sort(got);
        for (int k = 0; k < n; k++) {
            assertThat(got[k]).as("eigenvalue %d", k).isCloseTo(expected[k], within(64 * n * EPS));
        }
    }

    @Test
    void repeatedAndZeroEigenvaluesAndZeroColumns() {
        int n = 6;
        double[] a = new double[n * n];
        double[] diagonal = {3, 3, 3, 0, 0, -1};
        for (int i = 0; i < n; i++) {
            a[i * n + i] = diagonal[i];
        }
        double[] got = DenseMatrices.symmetricEigenvalues(permuted(a, n, 5), n);
        Arrays.sort(got);
        assertThat(got).containsExactly(new double[] {-1, 0, 0, 3, 3, 3}, within(1e-14));
    }

    @Test
    void pivotedCholeskyReconstructsFullRankAndSingularMatrices() {
        Random r = new Random(9);
        for (int[] shape : new int[][] {{30, 30}, {30, 12}, {50, 1}}) {
            int d = shape[0];
            int rank = shape[1];
            double[] g = new double[d * rank];
            for (int i = 0; i < g.length; i++) {
                g[i] = r.nextGaussian();
            }
            double[] a = naiveProduct(g, transpose(g, d, rank), d, rank, d);
            DenseMatrices.Factor f = DenseMatrices.pivotedCholesky(a, d);
            assertThat(f.rank()).as("rank of %d × %d", d, rank).isEqualTo(rank);
            double[] back = naiveProduct(f.values(), f.transpose(), d, f.rank(), d);
            for (int i = 0; i < a.length; i++) {
                assertThat(back[i]).isCloseTo(a[i], within(1e-12 * d));
            }
        }
        assertThat(DenseMatrices.pivotedCholesky(new double[9], 3).rank()).as("the zero matrix").isZero();
    }

    @Test
    void blockedProductsAndScatterAreTheNaiveSumsOnAnyThreadCount() {
        Random r = new Random(4);
        int m = 70;
        int k = 600;
        int n = 300;
        double[] a = gaussian(r, m * k);
        double[] b = gaussian(r, k * n);
        double[] expected = naiveProduct(a, b, m, k, n);
        double[] one = new double[m * n];
        DenseMatrices.multiplyAdd(a, b, one, m, k, n, false, 1);
        double[] three = new double[m * n];
        DenseMatrices.multiplyAdd(a, b, three, m, k, n, false, 3);
        assertThat(three).as("bit-identical on 1 and 3 threads").isEqualTo(one);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double absolute = 0;
                for (int p = 0; p < k; p++) {
                    absolute += Math.abs(a[i * k + p] * b[p * n + j]);
                }
                assertThat(one[i * n + j]).isCloseTo(expected[i * n + j], within(2 * k * EPS * absolute));
            }
        }
        int rows = 531;
        int d = 37;
        double[] x = gaussian(r, rows * d);
        double[] mean = new double[d];
        int[] counts = new int[rows];
        for (int i = 0; i < rows; i++) {
            counts[i] = r.nextInt(3);
        }
        double[] s = DenseMatrices.scatter(x, rows, d, mean, counts, 2);
        for (int p = 0; p < d; p++) {
            for (int q = 0; q < d; q++) {
                double sum = 0;
                double absolute = 0;
                for (int i = 0; i < rows; i++) {
                    sum += counts[i] * x[i * d + p] * x[i * d + q];
                    absolute += Math.abs(counts[i] * x[i * d + p] * x[i * d + q]);
                }
                assertThat(s[p * d + q]).isCloseTo(sum, within(2 * rows * EPS * absolute));
            }
        }
    }

    @Test
    void vectorAndPlainJavaKernelsAreBitIdentical() {
        MatrixKernel chosen = MatrixKernel.provider();
        MatrixKernel scalar = new ScalarMatrixKernel();
        assertThat(chosen.getClass().getSimpleName()).as("the tests run with the Vector API module")
                .isEqualTo("VectorMatrixKernel");
        Random r = new Random(12);
        int k = 45;
        int n = 83;
        double[] a = gaussian(r, 7 * k);
        double[] b = gaussian(r, k * n);
        for (int rows : new int[] {1, 3, 4}) {
            double[] c1 = gaussian(new Random(rows), 7 * n);
            double[] c2 = c1.clone();
            chosen.multiplyAdd(a, b, c1, k, n, 2, rows, 5, 80, 3, 44);
            scalar.multiplyAdd(a, b, c2, k, n, 2, rows, 5, 80, 3, 44);
            assertThat(c1).as("multiplyAdd, %d rows", rows).isEqualTo(c2);
        }
        double[] y1 = gaussian(r, 100);
        double[] y2 = y1.clone();
        double[] x = gaussian(r, 100);
        chosen.subtractScaled(y1, 3, 0.7, x, 1, 90);
        scalar.subtractScaled(y2, 3, 0.7, x, 1, 90);
        assertThat(y1).as("subtractScaled").isEqualTo(y2);
        double[] m1 = gaussian(r, 100);
        double[] m2 = m1.clone();
        double[] v = gaussian(r, 100);
        double[] w = gaussian(r, 100);
        double[] p1 = gaussian(r, 100);
        double[] p2 = p1.clone();
        chosen.reflectRow(m1, 0, 7, 100, true, 0.3, -1.2, v, w, 0.9, p1);
        scalar.reflectRow(m2, 0, 7, 100, true, 0.3, -1.2, v, w, 0.9, p2);
        assertThat(m1).as("reflectRow's update").isEqualTo(m2);
        assertThat(p1).as("reflectRow's product").isEqualTo(p2);
    }

    private static double[] gaussian(Random r, int size) {
        double[] v = new double[size];
        for (int i = 0; i < size; i++) {
            v[i] = r.nextGaussian();
        }
        return v;
    }

    /** P A Pᵀ for a seeded random permutation P, so that the reduction meets full rows. */
    private static double[] permuted(double[] a, int n, long seed) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        Random r = new Random(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        double[] out = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                out[i * n + j] = a[p[i] * n + p[j]];
            }
        }
        return out;
    }

    private static double[] transpose(double[] a, int rows, int cols) {
        double[] t = new double[rows * cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t[j * rows + i] = a[i * cols + j];
            }
        }
        return t;
    }

    private static double[] naiveProduct(double[] a, double[] b, int m, int k, int n) {
        double[] c = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int p = 0; p < k; p++) {
                    sum += a[i * k + p] * b[p * n + j];
                }
                c[i * n + j] = sum;
            }
        }
        return c;
    }
}
