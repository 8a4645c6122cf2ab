package io.github.latentcheck.knn;

import java.util.Arrays;

/**
 * Chooses the {@link DistanceKernel} once, at start-up, in the manner of Lucene's
 * {@code VectorizationProvider}: the Vector API kernel when the {@code jdk.incubator.vector} module
 * is in the boot layer (the JVM was started with {@code --add-modules jdk.incubator.vector}) and the
 * system property {@code latentcheck.vector} is not {@code false}; the plain-Java kernel otherwise.
 * The Vector API class is loaded only in the first case. Both give bit-identical results.
 */
final class DistanceKernels {
    private static final String VECTOR_KERNEL = "io.github.latentcheck.knn.VectorDistanceKernel";

    private DistanceKernels() {
    }

    /** @return the kernel chosen at start-up */
    static DistanceKernel provider() {
        return Holder.KERNEL;
    }

    /** @return the plain-Java kernel */
    static DistanceKernel scalar() {
        return new ScalarDistanceKernel();
    }

    /** @return whether the Vector API module is present and not switched off */
    static boolean vectorAvailable() {
        return !"false".equalsIgnoreCase(System.getProperty("latentcheck.vector"))
                && ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    private static DistanceKernel choose() {
        if (vectorAvailable()) {
            try {
                return (DistanceKernel) Class.forName(VECTOR_KERNEL).getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException | LinkageError e) {
                return scalar();
            }
        }
        return scalar();
    }

    /**
     * Float squared norm \(\sum_c x_c^2\), accumulated in column order with fused multiply-adds.
     *
     * @param values row-major values
     * @param offset the row's first value
     * @param columns values per row
     * @return the norm
     */
    static float squaredNorm(float[] values, int offset, int columns) {
        float s = 0;
        for (int c = 0; c < columns; c++) {
            float v = values[offset + c];
            s = Math.fma(v, v, s);
        }
        return s;
    }

    /**
     * Packs row-major rows into panels of {@code width} rows stored column by column, so that a
     * kernel reads each panel sequentially: value (row j, column c) goes to
     * {@code (j / width) * width * columns + c * width + j % width}. Rows past {@code rows}, up to
     * the panel boundary, are zero and get norm 0.
     *
     * @param rowMajor the rows
     * @param rows the number of rows
     * @param columns values per row
     * @param width rows per panel
     * @param panels the destination, with room for the rounded-up rows
     * @param norms receives the float squared norms, with room for the rounded-up rows
     * @return the number of panels
     */
    static int pack(float[] rowMajor, int rows, int columns, int width, float[] panels, float[] norms) {
        int panelCount = (rows + width - 1) / width;
        int padded = panelCount * width;
        for (int j = 0; j < rows; j++) {
            int base = (j / width) * width * columns + j % width;
            int src = j * columns;
            for (int c = 0; c < columns; c++) {
                panels[base + c * width] = rowMajor[src + c];
            }
            norms[j] = squaredNorm(rowMajor, src, columns);
        }
        if (padded > rows) {
            int lastPanel = (panelCount - 1) * width * columns;
            for (int c = 0; c < columns; c++) {
                int at = lastPanel + c * width;
                Arrays.fill(panels, at + rows % width, at + width, 0f);
            }
            Arrays.fill(norms, rows, padded, 0f);
        }
        return panelCount;
    }

    /** Lazy holder: the kernel is chosen when first needed, once. */
    private static final class Holder {
        static final DistanceKernel KERNEL = choose();
    }
}
