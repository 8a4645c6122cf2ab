package io.github.latentcheck.internal.metrics;

/**
 * The inner loops of {@link DenseMatrices}, each defined element by element as fused multiply-adds
 * ({@link Math#fma}) in a fixed order, so that every implementation gives bit-identical results.
 */
interface MatrixKernel {
    /**
     * \(C_{ij} \leftarrow \mathrm{fma}(A_{ip}, B_{pj}, C_{ij})\) for p from p0 to p1 − 1 in order, over a block
     * of rows and columns.
     *
     * @param a m × k, row-major
     * @param b k × n, row-major
     * @param c m × n, row-major, accumulated into
     * @param k columns of A
     * @param n columns of B and C
     * @param row the row of C
     * @param rows rows of C from {@code row} (1 to 4)
     * @param from the first column
     * @param to the column after the last
     * @param p0 the first term
     * @param p1 the term after the last
     */
    void multiplyAdd(double[] a, double[] b, double[] c, int k, int n, int row, int rows, int from, int to, int p0,
            int p1);

    /**
     * \(y_i \leftarrow \mathrm{fma}(-\alpha, x_i, y_i)\): the trailing update of a Cholesky step.
     *
     * @param y the updated array
     * @param yOffset the first element of y
     * @param alpha the scale
     * @param x the other array
     * @param xOffset the first element of x
     * @param length elements
     */
    void subtractScaled(double[] y, int yOffset, double alpha, double[] x, int xOffset, int length);

    /**
     * One row of a Householder tridiagonalisation sweep, for j from {@code from} to {@code to} − 1: when
     * {@code update}, the previous reflector's rank-2 update
     * \(a_j \leftarrow a_j - \mathrm{fma}(v_i, w_j, w_i v_j)\) of the row's element, then
     * \(p_j \leftarrow \mathrm{fma}(u_i, a_j, p_j)\), the row's term of the next product p = S u.
     *
     * @param a the matrix
     * @param row the offset of the row in a
     * @param from the first column
     * @param to the column after the last
     * @param update whether to apply the previous update first
     * @param vi the previous reflector's element i
     * @param wi the previous w's element i
     * @param v the previous reflector
     * @param w the previous w
     * @param ui the new reflector's element i
     * @param p the product being accumulated
     */
    void reflectRow(double[] a, int row, int from, int to, boolean update, double vi, double wi, double[] v,
            double[] w, double ui, double[] p);

    /**
     * Chooses once, at start-up, as the k-NN search chooses its distance kernel: the Vector API kernel when
     * the {@code jdk.incubator.vector} module is in the boot layer and the system property
     * {@code latentcheck.vector} is not {@code false}; the plain-Java kernel otherwise.
     *
     * @return the kernel
     */
    static MatrixKernel provider() {
        return Holder.KERNEL;
    }

    /** Lazily chosen kernel. */
    final class Holder {
        static final MatrixKernel KERNEL = choose();

        private Holder() {
        }

        private static MatrixKernel choose() {
            if (!"false".equalsIgnoreCase(System.getProperty("latentcheck.vector"))
                    && ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
                try {
                    return (MatrixKernel) Class.forName("io.github.latentcheck.internal.metrics.VectorMatrixKernel")
                            .getDeclaredConstructor().newInstance();
                } catch (ReflectiveOperationException | LinkageError e) {
                    return new ScalarMatrixKernel();
                }
            }
            return new ScalarMatrixKernel();
        }
    }
}
