package io.github.latentcheck.internal.metrics;

/** The plain-Java {@link MatrixKernel}: one element at a time, {@link Math#fma} down the terms. */
final class ScalarMatrixKernel implements MatrixKernel {
    @Override
    public void multiplyAdd(double[] a, double[] b, double[] c, int k, int n, int row, int rows, int from, int to,
            int p0, int p1) {
        for (int i = row; i < row + rows; i++) {
            int ai = i * k;
            int ci = i * n;
            for (int j = from; j < to; j++) {
                double sum = c[ci + j];
                for (int p = p0; p < p1; p++) {
                    sum = Math.fma(a[ai + p], b[p * n + j], sum);
                }
                c[ci + j] = sum;
            }
        }
    }

    @Override
    public void subtractScaled(double[] y, int yOffset, double alpha, double[] x, int xOffset, int length) {
        for (int i = 0; i < length; i++) {
            y[yOffset + i] = Math.fma(-alpha, x[xOffset + i], y[yOffset + i]);
        }
    }

    @Override
    public void reflectRow(double[] a, int row, int from, int to, boolean update, double vi, double wi, double[] v,
            double[] w, double ui, double[] p) {
        for (int j = from; j < to; j++) {
            double x = a[row + j];
            if (update) {
                x -= Math.fma(vi, w[j], wi * v[j]);
                a[row + j] = x;
            }
            p[j] = Math.fma(ui, x, p[j]);
        }
    }
}
