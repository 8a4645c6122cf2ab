package io.github.latentcheck.internal.metrics;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API {@link MatrixKernel}: a register block of 4 rows × 2 vectors of C (8 accumulators) held across
 * the terms, each step two loads of B, four broadcasts of A and eight fused multiply-adds, the shape of a BLAS
 * micro-kernel. Columns past the last whole pair of vectors go to the plain-Java kernel, which computes the
 * same chain of fused multiply-adds.
 */
final class VectorMatrixKernel implements MatrixKernel {
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    private static final MatrixKernel SCALAR = new ScalarMatrixKernel();

    @Override
    public void multiplyAdd(double[] a, double[] b, double[] c, int k, int n, int row, int rows, int from, int to,
            int p0, int p1) {
        int j = from;
        if (rows == 4) {
            for (; j + 2 * LANES <= to; j += 2 * LANES) {
                fourRows(a, b, c, k, n, row, j, p0, p1);
            }
        } else {
            for (; j + LANES <= to; j += LANES) {
                for (int i = row; i < row + rows; i++) {
                    oneRow(a, b, c, k, n, i, j, p0, p1);
                }
            }
        }
        if (j < to) {
            SCALAR.multiplyAdd(a, b, c, k, n, row, rows, j, to, p0, p1);
        }
    }

    private static void fourRows(double[] a, double[] b, double[] c, int k, int n, int row, int j, int p0, int p1) {
        int c0 = row * n + j;
        int c1 = c0 + n;
        int c2 = c1 + n;
        int c3 = c2 + n;
        DoubleVector s00 = DoubleVector.fromArray(SPECIES, c, c0);
        DoubleVector s01 = DoubleVector.fromArray(SPECIES, c, c0 + LANES);
        DoubleVector s10 = DoubleVector.fromArray(SPECIES, c, c1);
        DoubleVector s11 = DoubleVector.fromArray(SPECIES, c, c1 + LANES);
        DoubleVector s20 = DoubleVector.fromArray(SPECIES, c, c2);
        DoubleVector s21 = DoubleVector.fromArray(SPECIES, c, c2 + LANES);
        DoubleVector s30 = DoubleVector.fromArray(SPECIES, c, c3);
        DoubleVector s31 = DoubleVector.fromArray(SPECIES, c, c3 + LANES);
        int a0 = row * k;
        for (int p = p0; p < p1; p++) {
            int bp = p * n + j;
            DoubleVector b0 = DoubleVector.fromArray(SPECIES, b, bp);
            DoubleVector b1 = DoubleVector.fromArray(SPECIES, b, bp + LANES);
            DoubleVector x = DoubleVector.broadcast(SPECIES, a[a0 + p]);
            s00 = x.fma(b0, s00);
            s01 = x.fma(b1, s01);
            x = DoubleVector.broadcast(SPECIES, a[a0 + k + p]);
            s10 = x.fma(b0, s10);
            s11 = x.fma(b1, s11);
            x = DoubleVector.broadcast(SPECIES, a[a0 + 2 * k + p]);
            s20 = x.fma(b0, s20);
            s21 = x.fma(b1, s21);
            x = DoubleVector.broadcast(SPECIES, a[a0 + 3 * k + p]);
            s30 = x.fma(b0, s30);
            s31 = x.fma(b1, s31);
        }
        s00.intoArray(c, c0);
        s01.intoArray(c, c0 + LANES);
        s10.intoArray(c, c1);
        s11.intoArray(c, c1 + LANES);
        s20.intoArray(c, c2);
        s21.intoArray(c, c2 + LANES);
        s30.intoArray(c, c3);
        s31.intoArray(c, c3 + LANES);
    }

    private static void oneRow(double[] a, double[] b, double[] c, int k, int n, int i, int j, int p0, int p1) {
        int ci = i * n + j;
        DoubleVector s = DoubleVector.fromArray(SPECIES, c, ci);
        int ai = i * k;
        for (int p = p0; p < p1; p++) {
            s = DoubleVector.broadcast(SPECIES, a[ai + p]).fma(DoubleVector.fromArray(SPECIES, b, p * n + j), s);
        }
        s.intoArray(c, ci);
    }

    @Override
    public void subtractScaled(double[] y, int yOffset, double alpha, double[] x, int xOffset, int length) {
        DoubleVector minus = DoubleVector.broadcast(SPECIES, -alpha);
        int i = 0;
        for (; i + LANES <= length; i += LANES) {
            minus.fma(DoubleVector.fromArray(SPECIES, x, xOffset + i), DoubleVector.fromArray(SPECIES, y, yOffset + i))
                    .intoArray(y, yOffset + i);
        }
        SCALAR.subtractScaled(y, yOffset + i, alpha, x, xOffset + i, length - i);
    }

    @Override
    public void reflectRow(double[] a, int row, int from, int to, boolean update, double vi, double wi, double[] v,
            double[] w, double ui, double[] p) {
        DoubleVector u = DoubleVector.broadcast(SPECIES, ui);
        DoubleVector vv = DoubleVector.broadcast(SPECIES, vi);
        DoubleVector ww = DoubleVector.broadcast(SPECIES, wi);
        int j = from;
        for (; j + LANES <= to; j += LANES) {
            DoubleVector x = DoubleVector.fromArray(SPECIES, a, row + j);
            if (update) {
                x = x.sub(vv.fma(DoubleVector.fromArray(SPECIES, w, j),
                        ww.mul(DoubleVector.fromArray(SPECIES, v, j))));
                x.intoArray(a, row + j);
            }
            u.fma(x, DoubleVector.fromArray(SPECIES, p, j)).intoArray(p, j);
        }
        SCALAR.reflectRow(a, row, j, to, update, vi, wi, v, w, ui, p);
    }
}
