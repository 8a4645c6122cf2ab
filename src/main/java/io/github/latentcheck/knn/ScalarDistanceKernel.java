package io.github.latentcheck.knn;

/** The plain-Java kernel: the reference for the Vector API one, and the fallback without it. */
final class ScalarDistanceKernel implements DistanceKernel {
    private static final int WIDTH = 16;

    @Override
    public int panelWidth() {
        return WIDTH;
    }

    @Override
    public void scan(float[] tiles, float[] queryNorms, int from, int to, int columns, float[] panels, int offset,
            float[] panelNorms, int panelCount, BlockCandidates sink) {
        for (int tile = from; tile < to; tile += TILE_ROWS) {
            scanTile(tiles, queryNorms, tile, columns, panels, offset, panelNorms, panelCount, sink);
        }
    }

    /**
     * The dot products of a tile with every row of the block first, {@code acc[qq * stride + row]}, then
     * the screen, as in the Vector API kernel, so that {@link BlockCandidates#seedThreshold} sees the
     * whole block.
     */
    private static void scanTile(float[] tiles, float[] queryNorms, int tile, int columns, float[] panels,
            int offset, float[] panelNorms, int panelCount, BlockCandidates sink) {
        float[] acc = sink.scratch;
        int stride = panelCount * WIDTH;
        int values = tile / TILE_ROWS * columns * TILE_STRIDE;
        for (int p = 0; p < panelCount; p++) {
            int panel = offset + p * WIDTH * columns;
            for (int qq = 0; qq < TILE_ROWS; qq++) {
                float x = tiles[values + qq];
                int a = qq * stride + p * WIDTH;
                for (int j = 0; j < WIDTH; j++) {
                    acc[a + j] = panels[panel + j] * x;
                }
            }
            for (int c = 1; c < columns; c++) {
                int at = panel + c * WIDTH;
                for (int qq = 0; qq < TILE_ROWS; qq++) {
                    float x = tiles[values + c * TILE_STRIDE + qq];
                    int a = qq * stride + p * WIDTH;
                    for (int j = 0; j < WIDTH; j++) {
                        acc[a + j] = Math.fma(panels[at + j], x, acc[a + j]);
                    }
                }
            }
        }
        float scale = sink.errorScale;
        float floor = sink.errorFloor;
        for (int qq = 0; qq < TILE_ROWS; qq++) {
            float qn = queryNorms[tile + qq];
            int base = qq * stride;
            sink.seedThreshold(tile + qq, acc, base);
            for (int row = 0; row < stride; row++) {
                float t = panelNorms[row] + qn;
                float approx = Math.fma(acc[base + row], -2f, t);
                float lower = approx - Math.fma(t, scale, floor);
                if (!(lower > sink.thresholds[tile + qq])) {
                    sink.offer(tile + qq, row, approx);
                }
            }
        }
    }
}
