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
    /** From this many columns {@link #squaredNorm} sums in eight chains. */
    static final int SPLIT_NORM_COLUMNS = 16;

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
     * Float squared norm \(\sum_c x_c^2\) by fused multiply-adds: below {@value #SPLIT_NORM_COLUMNS}
     * columns accumulated in column order; from there in eight partial sums (column c goes to sum
     * c mod 8, the columns past the last multiple of 8 to sum 0), added pairwise as
     * \(((s_0 + s_1) + (s_2 + s_3)) + ((s_4 + s_5) + (s_6 + s_7))\). Eight independent chains run about
     * ten times faster than one, whose every step waits for the previous multiply-add; each sum has at
     * most \(\lceil d/8\rceil + 7\) terms and three additions follow, so the error stays within the
     * \(\gamma_d\) that {@link BlockCandidates} assumes for \(d \ge 16\) (Higham 2002, §4.2).
     *
     * @param values row-major values
     * @param offset the row's first value
     * @param columns values per row
     * @return the norm
     */
    static float squaredNorm(float[] values, int offset, int columns) {
        if (columns < SPLIT_NORM_COLUMNS) {
            float s = 0;
            for (int c = 0; c < columns; c++) {
                float v = values[offset + c];
                s = Math.fma(v, v, s);
            }
            return s;
        }
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        float s4 = 0;
        float s5 = 0;
        float s6 = 0;
        float s7 = 0;
        int end = offset + columns / 8 * 8;
        int i = offset;
        for (; i < end; i += 8) {
            s0 = Math.fma(values[i], values[i], s0);
            s1 = Math.fma(values[i + 1], values[i + 1], s1);
            s2 = Math.fma(values[i + 2], values[i + 2], s2);
            s3 = Math.fma(values[i + 3], values[i + 3], s3);
            s4 = Math.fma(values[i + 4], values[i + 4], s4);
            s5 = Math.fma(values[i + 5], values[i + 5], s5);
            s6 = Math.fma(values[i + 6], values[i + 6], s6);
            s7 = Math.fma(values[i + 7], values[i + 7], s7);
        }
        for (; i < offset + columns; i++) {
            s0 = Math.fma(values[i], values[i], s0);
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }

    /**
     * Packs row-major rows into panels of {@code width} rows stored column by column, so that a
     * kernel reads each panel sequentially: value (row j, column c) goes to
     * {@code offset + (j / width) * width * columns + c * width + j % width}. Rows past {@code rows},
     * up to the panel boundary, are zero and get norm 0. Eight rows are copied side by side at a
     * time when the width allows it (every kernel's does), the last few one at a time (measured: 0.9 ns
     * per value four at a time against 1.4 one row at a time, whose every store went to another cache
     * line, on a block of 128 rows of 512 values; eight at a time 0.5 ns against 0.75 for four on a
     * block of 1,024 rows of 64 values, norms included).
     *
     * @param rowMajor the rows
     * @param rows the number of rows
     * @param columns values per row
     * @param width rows per panel
     * @param panels the destination, with room for the rounded-up rows from {@code offset}
     * @param offset where the first panel starts in {@code panels}
     * @param norms receives the float squared norms, with room for the rounded-up rows
     * @return the number of panels
     */
    static int pack(float[] rowMajor, int rows, int columns, int width, float[] panels, int offset, float[] norms) {
        int panelCount = (rows + width - 1) / width;
        int padded = panelCount * width;
        int j = 0;
        if (width % 8 == 0) {
            for (; j + 8 <= rows; j += 8) {
                int base = offset + (j / width) * width * columns + j % width;
                int s0 = j * columns;
                for (int c = 0; c < columns; c++) {
                    int at = base + c * width;
                    int src = s0 + c;
                    panels[at] = rowMajor[src];
                    panels[at + 1] = rowMajor[src + columns];
                    panels[at + 2] = rowMajor[src + 2 * columns];
                    panels[at + 3] = rowMajor[src + 3 * columns];
                    panels[at + 4] = rowMajor[src + 4 * columns];
                    panels[at + 5] = rowMajor[src + 5 * columns];
                    panels[at + 6] = rowMajor[src + 6 * columns];
                    panels[at + 7] = rowMajor[src + 7 * columns];
                }
            }
        }
        for (; j < rows; j++) {
            int base = offset + (j / width) * width * columns + j % width;
            int src = j * columns;
            for (int c = 0; c < columns; c++) {
                panels[base + c * width] = rowMajor[src + c];
            }
        }
        for (int row = 0; row < rows; row++) {
            norms[row] = squaredNorm(rowMajor, row * columns, columns);
        }
        if (padded > rows) {
            int lastPanel = offset + (panelCount - 1) * width * columns;
            for (int c = 0; c < columns; c++) {
                int at = lastPanel + c * width;
                Arrays.fill(panels, at + rows % width, at + width, 0f);
            }
            Arrays.fill(norms, rows, padded, 0f);
        }
        return panelCount;
    }

    /**
     * Packs query rows tile by tile for {@link DistanceKernel#scan}: tile t's value (row r, column
     * c) goes to {@code (t * columns + c) * TILE_STRIDE + r}, so a kernel reads a tile's values
     * column after column, its {@value DistanceKernel#TILE_ROWS} rows side by side; the two padding
     * places per column stay zero.
     *
     * @param rows query rows, row-major, a whole number of tiles
     * @param tileRows the number of rows, a multiple of {@value DistanceKernel#TILE_ROWS}
     * @param columns values per row
     * @return the packed tiles
     */
    static float[] packTiles(float[] rows, int tileRows, int columns) {
        int tiles = tileRows / DistanceKernel.TILE_ROWS;
        float[] packed = new float[Math.multiplyExact(tiles * columns, DistanceKernel.TILE_STRIDE)];
        for (int row = 0; row < tileRows; row++) {
            int base = row / DistanceKernel.TILE_ROWS * columns * DistanceKernel.TILE_STRIDE
                    + row % DistanceKernel.TILE_ROWS;
            for (int c = 0; c < columns; c++) {
                packed[base + c * DistanceKernel.TILE_STRIDE] = rows[row * columns + c];
            }
        }
        return packed;
    }

    /** Lazy holder: the kernel is chosen when first needed, once. */
    private static final class Holder {
        static final DistanceKernel KERNEL = choose();
    }
}
