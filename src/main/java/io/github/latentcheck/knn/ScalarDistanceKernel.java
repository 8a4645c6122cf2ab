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

    private static void scanTile(float[] tiles, float[] queryNorms, int tile, int columns, float[] panels,
            int offset, float[] panelNorms, int panelCount, BlockCandidates sink) {
        float[] acc = sink.scratch;
        float scale = sink.errorScale;
        float floor = sink.errorFloor;
        float[] columnBounds = sink.columnBounds;
        int columnBase = sink.blockStart();
        int values = tile / TILE_ROWS * columns * TILE_STRIDE;
        for (int p = 0; p < panelCount; p++) {
            int panel = offset + p * WIDTH * columns;
            for (int qq = 0; qq < TILE_ROWS; qq++) {
                float x = tiles[values + qq];
                for (int j = 0; j < WIDTH; j++) {
                    acc[qq * WIDTH + j] = panels[panel + j] * x;
                }
            }
            for (int c = 1; c < columns; c++) {
                int at = panel + c * WIDTH;
                for (int qq = 0; qq < TILE_ROWS; qq++) {
                    float x = tiles[values + c * TILE_STRIDE + qq];
                    int a = qq * WIDTH;
                    for (int j = 0; j < WIDTH; j++) {
                        acc[a + j] = Math.fma(panels[at + j], x, acc[a + j]);
                    }
                }
            }
            for (int qq = 0; qq < TILE_ROWS; qq++) {
                float qn = queryNorms[tile + qq];
                for (int j = 0; j < WIDTH; j++) {
                    float t = panelNorms[p * WIDTH + j] + qn;
                    float approx = Math.fma(acc[qq * WIDTH + j], -2f, t);
                    float lower = approx - Math.fma(t, scale, floor);
                    if (!(lower > sink.thresholds[tile + qq])) {
                        sink.offer(tile + qq, p * WIDTH + j, approx);
                    }
                    if (columnBounds != null && !(lower > columnBounds[columnBase + p * WIDTH + j])) {
                        sink.offerColumn(tile + qq, p * WIDTH + j, approx);
                    }
                }
            }
        }
    }
}
