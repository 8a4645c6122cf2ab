package io.github.latentcheck.knn;

/**
 * Screens a block of reference rows for query rows packed in tiles of {@value #TILE_ROWS}: computes
 * approximate squared distances
 * \(\tilde D = (\|x\|^2 + \|y\|^2) - 2\,x\cdot y\) in float and offers to {@link BlockCandidates}
 * the rows whose lower bound passes the query's threshold. Implementations must compute
 * bit-identical \(\tilde D\): the dot product accumulated over columns in order, the first
 * column's product rounded to float and then one fused multiply-add per column, \(\tilde t = \|y\|^2 + \|x\|^2\), \(\tilde D = \mathrm{fma}(-2, x\cdot y, \tilde t)\),
 * the margin \(E = \mathrm{fma}(\tilde t, c, e_0)\) and the lower bound \(\tilde D - E\), each rounded
 * to float; and they must offer a query's rows in increasing order. They may offer rows that
 * {@link BlockCandidates#offer} then rejects. When the sink seeks the nearest query of every reference
 * row too ({@link BlockCandidates#columnBounds} not null), they also offer each pair whose lower bound
 * does not exceed the row's bound to {@link BlockCandidates#offerColumn}.
 *
 * <p>Obtained from {@link DistanceKernels#provider()}.
 */
interface DistanceKernel {
    /** Query rows per tile. */
    int TILE_ROWS = 6;

    /**
     * Values per column in a packed query tile ({@link DistanceKernels#packTiles}): the six rows
     * padded to eight, so that the kernel finds column c's values at a shift of c, an index the JIT
     * proves in bounds once per loop instead of once per value.
     */
    int TILE_STRIDE = 8;

    /** @return the reference rows in one panel of the packed layout */
    int panelWidth();

    /**
     * @param tiles the query rows packed by {@link DistanceKernels#packTiles}
     * @param queryNorms their float squared norms
     * @param from the first query row to screen, a multiple of {@value #TILE_ROWS}
     * @param to the end of the query rows to screen, a multiple of {@value #TILE_ROWS}
     * @param columns values per row
     * @param panels the reference block packed by {@link DistanceKernels#pack}
     * @param offset where its first panel starts in {@code panels}
     * @param panelNorms the float squared norms of the packed rows (padding rows have norm 0)
     * @param panelCount the number of panels
     * @param sink receives the candidates and holds the thresholds
     */
    void scan(float[] tiles, float[] queryNorms, int from, int to, int columns, float[] panels, int offset,
            float[] panelNorms, int panelCount, BlockCandidates sink);
}
