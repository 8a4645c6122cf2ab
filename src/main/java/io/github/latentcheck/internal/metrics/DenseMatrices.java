package io.github.latentcheck.internal.metrics;

import io.github.latentcheck.internal.concurrent.Tasks;
import java.util.Arrays;

/**
 * The dense float64 linear algebra behind the Fréchet distance: the scatter matrix of rows, a matrix product,
 * the pivoted Cholesky factor of a positive semi-definite matrix and the eigenvalues of a symmetric matrix.
 * Matrices are row-major {@code double[]}.
 *
 * <p>Written here rather than taken from Commons Math because at the sizes of image features (d = 2,048)
 * Commons Math's {@code EigenDecomposition} takes about 40 s (it always accumulates eigenvectors, on
 * {@code double[][]}) and its {@code BlockRealMatrix} products several seconds, against about 3 s for the
 * whole Fréchet distance here; every bootstrap replicate pays them again. Products are blocked so that a
 * 256 × 256 panel of the right operand stays in cache while a register-blocked kernel runs down it.
 *
 * <p><b>Reproducibility.</b> Every element of a product is one chain of fused multiply-adds over its terms in
 * order, whatever the blocking, the kernel (Vector API or plain Java) and the number of threads (threads own
 * disjoint blocks of output rows), so the results are bit-identical on any thread count and JVM.
 */
final class DenseMatrices {
    /** Columns of the output (and of the right operand's panel) handled together; 2 KB of a row. */
    private static final int COLUMN_BLOCK = 256;
    /** Rows of the right operand's panel: a 256 × 256 panel is 512 KB, inside a core's L2. */
    private static final int DEPTH_BLOCK = 256;
    /** Output rows per task, a multiple of the kernel's 4. */
    private static final int ROW_BLOCK = 32;
    /** Rows of data centred and multiplied together when forming a scatter matrix. */
    private static final int SCATTER_CHUNK = 256;

    private DenseMatrices() {
    }

    /**
     * \(C \mathrel{+}= A B\), each element as a chain of fused multiply-adds over the terms in order
     * ({@link MatrixKernel}); or, when {@code upper}, at least the elements on and above the diagonal (those
     * below it are then left unspecified).
     *
     * @param a m × k
     * @param b k × n
     * @param c m × n, accumulated into
     * @param m rows of A and C
     * @param k columns of A, rows of B
     * @param n columns of B and C
     * @param upper whether only the elements on and above the diagonal are needed (m = n)
     * @param threads threads, at least 1
     */
    static void multiplyAdd(double[] a, double[] b, double[] c, int m, int k, int n, boolean upper, int threads) {
        MatrixKernel kernel = MatrixKernel.provider();
        int rowBlocks = (m + ROW_BLOCK - 1) / ROW_BLOCK;
        Tasks.run(rowBlocks, threads, block -> {
            int firstRow = block * ROW_BLOCK;
            int endRow = Math.min(m, firstRow + ROW_BLOCK);
            for (int j0 = upper ? firstRow / COLUMN_BLOCK * COLUMN_BLOCK : 0; j0 < n; j0 += COLUMN_BLOCK) {
                int j1 = Math.min(n, j0 + COLUMN_BLOCK);
                for (int p0 = 0; p0 < k; p0 += DEPTH_BLOCK) {
                    int p1 = Math.min(k, p0 + DEPTH_BLOCK);
                    for (int i = firstRow; i < endRow; i += 4) {
                        int from = upper ? Math.max(j0, i) : j0;
                        if (from < j1) {
                            kernel.multiplyAdd(a, b, c, k, n, i, Math.min(4, endRow - i), from, j1, p0, p1);
                        }
                    }
                }
            }
        });
    }

    /**
     * The weighted scatter matrix \(\sum_i w_i (x_i - \mu)(x_i - \mu)^\top\), summed over the rows in order.
     *
     * @param x n × d rows
     * @param n rows
     * @param d columns
     * @param mean μ, d values
     * @param counts the weights w_i, or null for 1 each
     * @param threads threads, at least 1
     * @return the symmetric d × d matrix
     */
    static double[] scatter(double[] x, int n, int d, double[] mean, int[] counts, int threads) {
        double[] s = new double[d * d];
        double[] centredT = new double[d * SCATTER_CHUNK];
        double[] weighted = new double[SCATTER_CHUNK * d];
        int i = 0;
        while (i < n) {
            int rows = 0;
            for (; i < n && rows < SCATTER_CHUNK; i++) {
                int w = counts == null ? 1 : counts[i];
                if (w == 0) {
                    continue;
                }
                for (int col = 0; col < d; col++) {
                    double z = x[i * d + col] - mean[col];
                    centredT[col * SCATTER_CHUNK + rows] = z;
                    weighted[rows * d + col] = w * z;
                }
                rows++;
            }
            if (rows < SCATTER_CHUNK) {
                for (int col = 0; col < d; col++) {
                    Arrays.fill(centredT, col * SCATTER_CHUNK + rows, (col + 1) * SCATTER_CHUNK, 0.0);
                }
                Arrays.fill(weighted, rows * d, SCATTER_CHUNK * d, 0.0);
            }
            multiplyAdd(centredT, weighted, s, d, SCATTER_CHUNK, d, true, threads);
        }
        for (int r = 0; r < d; r++) {
            for (int col = r + 1; col < d; col++) {
                s[col * d + r] = s[r * d + col];
            }
        }
        return s;
    }

    /**
     * The pivoted (rank-revealing) Cholesky factorisation \(P^\top A P = L L^\top\) of a symmetric positive
     * semi-definite A, stopped as LAPACK's {@code dpstrf} stops: when the largest remaining diagonal element is
     * at most \(d \varepsilon \max_i A_{ii}\) (Higham 2009, Lucas 2004). Returned as \(F = P L\), so that
     * \(F F^\top = A\) up to that tolerance.
     *
     * @param a d × d, not modified
     * @param d the dimension
     * @return F, d × r row-major, with r its rank
     */
    static Factor pivotedCholesky(double[] a, int d) {
        MatrixKernel kernel = MatrixKernel.provider();
        double[] w = a.clone();
        int[] position = new int[d];
        double largest = 0;
        for (int i = 0; i < d; i++) {
            position[i] = i;
            largest = Math.max(largest, w[i * d + i]);
        }
        double tolerance = d * Math.ulp(1.0) / 2 * largest;
        double[] column = new double[d];
        int rank = 0;
        for (int j = 0; j < d; j++) {
            int pivot = j;
            for (int i = j + 1; i < d; i++) {
                if (w[i * d + i] > w[pivot * d + pivot]) {
                    pivot = i;
                }
            }
            if (!(w[pivot * d + pivot] > tolerance)) {
                break;
            }
            swap(w, d, j, pivot);
            int t = position[j];
            position[j] = position[pivot];
            position[pivot] = t;
            double root = Math.sqrt(w[j * d + j]);
            w[j * d + j] = root;
            for (int i = j + 1; i < d; i++) {
                double l = w[i * d + j] / root;
                w[i * d + j] = l;
                column[i] = l;
            }
            for (int i = j + 1; i < d; i++) {
                kernel.subtractScaled(w, i * d + j + 1, column[i], column, j + 1, d - j - 1);
            }
            rank++;
        }
        double[] f = new double[d * rank];
        for (int i = 0; i < d; i++) {
            int row = position[i] * rank;
            for (int j = 0; j < Math.min(i + 1, rank); j++) {
                f[row + j] = w[i * d + j];
            }
        }
        return new Factor(f, d, rank);
    }

    /** Swaps rows and columns p and q of a symmetric d × d matrix, with the factor's columns held in it. */
    private static void swap(double[] w, int d, int p, int q) {
        if (p == q) {
            return;
        }
        for (int l = 0; l < d; l++) {
            double t = w[p * d + l];
            w[p * d + l] = w[q * d + l];
            w[q * d + l] = t;
        }
        for (int l = 0; l < d; l++) {
            double t = w[l * d + p];
            w[l * d + p] = w[l * d + q];
            w[l * d + q] = t;
        }
    }

    /**
     * A factor F of a positive semi-definite matrix, \(F F^\top = A\).
     *
     * @param values d × rank, row-major
     * @param rows d
     * @param rank its columns
     */
    record Factor(double[] values, int rows, int rank) {
        /** @return \(F^\top\), rank × d */
        double[] transpose() {
            double[] t = new double[rank * rows];
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < rank; j++) {
                    t[j * rows + i] = values[i * rank + j];
                }
            }
            return t;
        }
    }

    /**
     * The eigenvalues of a symmetric matrix: Householder reduction to tridiagonal form, then the implicit QL
     * method with Wilkinson shifts on the tridiagonal matrix (Golub &amp; Van Loan 2013, §8.3; Wilkinson &amp;
     * Reinsch 1971, procedures tred1 and tql1). Both steps are backward stable: each computed eigenvalue is
     * within a small multiple of \(n \varepsilon \|A\|_2\) of an exact one. Eigenvectors are not formed.
     *
     * <p>The reduction applies reflector k's rank-2 update to each row in the same sweep that accumulates
     * reflector k + 1's product with the matrix, so the trailing matrix is read once per step.
     *
     * @param a n × n symmetric, overwritten
     * @param n the order
     * @return the n eigenvalues, unordered
     */
    static double[] symmetricEigenvalues(double[] a, int n) {
        double[] diagonal = new double[n];
        double[] off = new double[n];
        double[] v = new double[n];
        double[] w = new double[n];
        double[] nextV = new double[n];
        double[] p = new double[n];
        MatrixKernel kernel = MatrixKernel.provider();
        boolean pending = false;
        for (int k = 0; k < n; k++) {
            int rowK = k * n;
            if (pending) {
                applyUpdate(kernel, a, rowK, k, n, v, w, k, p);
            }
            diagonal[k] = a[rowK + k];
            if (k + 1 >= n) {
                break;
            }
            double tail = 0;
            for (int j = k + 2; j < n; j++) {
                tail += a[rowK + j] * a[rowK + j];
            }
            double x0 = a[rowK + k + 1];
            if (tail == 0) {
                off[k] = x0;
                for (int i = k + 1; pending && i < n; i++) {
                    applyUpdate(kernel, a, i * n, i, n, v, w, k + 1, p);
                }
                pending = false;
                continue;
            }
            double alpha = -Math.copySign(Math.sqrt(x0 * x0 + tail), x0);
            off[k] = alpha;
            Arrays.fill(nextV, 0, k + 1, 0.0);
            nextV[k + 1] = x0 - alpha;
            System.arraycopy(a, rowK + k + 2, nextV, k + 2, n - k - 2);
            double tau = 2 / (nextV[k + 1] * nextV[k + 1] + tail);
            Arrays.fill(p, 0.0);
            for (int i = k + 1; i < n; i++) {
                kernel.reflectRow(a, i * n, k + 1, n, pending, v[i], w[i], v, w, nextV[i], p);
            }
            double dot = 0;
            for (int j = k + 1; j < n; j++) {
                p[j] *= tau;
                dot += p[j] * nextV[j];
            }
            double half = tau / 2 * dot;
            double[] swapV = v;
            v = nextV;
            nextV = swapV;
            for (int j = 0; j < n; j++) {
                w[j] = j > k ? p[j] - half * v[j] : 0;
            }
            pending = true;
        }
        tridiagonalEigenvalues(diagonal, off);
        return diagonal;
    }

    /**
     * Applies the pending rank-2 update to row i (at offset {@code row}) from column {@code from}; adds zero
     * multiples of the row to {@code scratch}, which the caller clears before its next use.
     */
    private static void applyUpdate(MatrixKernel kernel, double[] a, int row, int i, int n, double[] v, double[] w,
            int from, double[] scratch) {
        kernel.reflectRow(a, row, from, n, true, v[i], w[i], v, w, 0, scratch);
    }

    /**
     * Implicit QL with Wilkinson shifts on a symmetric tridiagonal matrix, eigenvalues only. An off-diagonal
     * element is set to zero when it is negligible beside its two diagonal neighbours or at most ε‖T‖₁ (which
     * moves no eigenvalue by more than that, within the backward error already made); the second test stops
     * the iteration from stalling on eigenvalues at the rounding level of the matrix, as in a Gram matrix of
     * nearly dependent rows.
     *
     * @param d the diagonal, n values, replaced by the eigenvalues
     * @param e e[i] couples i and i + 1 (e[n − 1] unused), destroyed
     */
    private static void tridiagonalEigenvalues(double[] d, double[] e) {
        int n = d.length;
        if (n > 0) {
            e[n - 1] = 0;
        }
        double norm = 0;
        for (int i = 0; i < n; i++) {
            norm = Math.max(norm, Math.abs(d[i]) + Math.abs(e[i]) + (i > 0 ? Math.abs(e[i - 1]) : 0));
        }
        double negligible = Math.ulp(1.0) / 2 * norm;
        for (int l = 0; l < n; l++) {
            int iterations = 0;
            while (true) {
                int m = l;
                while (m < n - 1) {
                    double dd = Math.abs(d[m]) + Math.abs(d[m + 1]);
                    if (Math.abs(e[m]) + dd == dd || Math.abs(e[m]) <= negligible) {
                        break;
                    }
                    m++;
                }
                if (m == l) {
                    break;
                }
                if (++iterations > 60) {
                    throw new ArithmeticException("the QL iteration did not converge at eigenvalue " + l);
                }
                double g = (d[l + 1] - d[l]) / (2 * e[l]);
                double r = Math.hypot(g, 1);
                g = d[m] - d[l] + e[l] / (g + Math.copySign(r, g));
                double s = 1;
                double c = 1;
                double shift = 0;
                boolean deflated = false;
                for (int i = m - 1; i >= l; i--) {
                    double f = s * e[i];
                    double b = c * e[i];
                    r = Math.hypot(f, g);
                    e[i + 1] = r;
                    if (r == 0) {
                        d[i + 1] -= shift;
                        e[m] = 0;
                        deflated = true;
                        break;
                    }
                    s = f / r;
                    c = g / r;
                    g = d[i + 1] - shift;
                    r = (d[i] - g) * s + 2 * c * b;
                    shift = s * r;
                    d[i + 1] = g + shift;
                    g = c * r - b;
                }
                if (deflated) {
                    continue;
                }
                d[l] -= shift;
                e[l] = g;
                e[m] = 0;
            }
        }
    }
}
