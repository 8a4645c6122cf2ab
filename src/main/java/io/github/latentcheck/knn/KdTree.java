package io.github.latentcheck.knn;

import io.github.latentcheck.internal.knn.ExactDistance;

/**
 * Exact k-nearest-neighbour search for few dimensions (up to 3), where a tree prunes almost all
 * rows and brute force wastes its arithmetic: a k-d tree (Bentley [1]; Friedman, Bentley and
 * Finkel [2]) split at the median of the widest side, with tight bounding boxes and leaves of at
 * most {@value #LEAF} rows, stored implicitly (node i has children 2i + 1 and 2i + 2).
 *
 * <p>The answer is the exact one of the brute force, ties included: every distance is the double
 * {@link ExactDistance#squared} of the values as given (float32 values widen exactly), and a node is
 * skipped only when its box distance, computed with the same roundings from per-column gaps no
 * larger than those of any row inside (rounding is monotonic), is strictly larger than the current
 * k-th distance and that distance is 0 or at least {@link ExactDistance#GUARD} (in between, distances
 * are computed another way and nothing is skipped); so every row that could tie is still offered, and
 * {@link TopK} keeps the lowest indices among ties.
 *
 * <ol>
 * <li>J. L. Bentley, Multidimensional binary search trees used for associative searching,
 *     Commun. ACM 18(9), 509–517, 1975, doi:10.1145/361002.361007.</li>
 * <li>J. H. Friedman, J. L. Bentley, R. A. Finkel, An algorithm for finding best matches in
 *     logarithmic expected time, ACM Trans. Math. Softw. 3(3), 209–226, 1977,
 *     doi:10.1145/355744.355745.</li>
 * </ol>
 */
final class KdTree {
    /** The most rows in a leaf. */
    static final int LEAF = 16;

    private final int columns;
    private final int rows;
    /** The rows' values in tree order, row-major. */
    private final double[] values;
    /** The original index of each row in tree order. */
    private final int[] index;
    /** Per node: the box's low corner then its high corner, {@code 2 * columns} values. */
    private final double[] boxes;

    private KdTree(int columns, int rows, double[] values, int[] index, double[] boxes) {
        this.columns = columns;
        this.rows = rows;
        this.values = values;
        this.index = index;
        this.boxes = boxes;
    }

    /**
     * @param reference the rows, read whole
     * @return the tree
     */
    static KdTree build(ReferenceRows reference) {
        int d = reference.columns();
        int m = reference.rows();
        double[] raw = new double[m * d];
        reference.copyBlock(0, m, raw, 0);
        int[] order = new int[m];
        for (int i = 0; i < m; i++) {
            order[i] = i;
        }
        int nodes = 1;
        while (leafRows(nodes, m) > LEAF) {
            nodes = 2 * nodes + 1;
        }
        double[] boxes = new double[nodes * 2 * d];
        split(raw, d, order, 0, 0, m, nodes, boxes);
        double[] values = new double[m * d];
        for (int i = 0; i < m; i++) {
            System.arraycopy(raw, order[i] * d, values, i * d, d);
        }
        return new KdTree(d, m, values, order, boxes);
    }

    /** @return the most rows in a node of the last level of a complete tree with {@code nodes} nodes */
    private static int leafRows(int nodes, int m) {
        int leaves = (nodes + 1) / 2;
        return (m + leaves - 1) / leaves;
    }

    private static void split(double[] raw, int d, int[] order, int node, int from, int to, int nodes, double[] boxes) {
        int box = node * 2 * d;
        for (int c = 0; c < d; c++) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int i = from; i < to; i++) {
                double v = raw[order[i] * d + c];
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            boxes[box + c] = lo;
            boxes[box + d + c] = hi;
        }
        int left = 2 * node + 1;
        if (left >= nodes) {
            return;
        }
        int widest = 0;
        for (int c = 1; c < d; c++) {
            if (boxes[box + d + c] - boxes[box + c] > boxes[box + d + widest] - boxes[box + widest]) {
                widest = c;
            }
        }
        int mid = (from + to) >>> 1;
        select(raw, d, widest, order, from, to - 1, mid);
        split(raw, d, order, left, from, mid, nodes, boxes);
        split(raw, d, order, left + 1, mid, to, nodes, boxes);
    }

    /** Hoare's selection: puts the row of rank {@code nth} by column c (then index) at {@code nth}. */
    private static void select(double[] raw, int d, int c, int[] order, int lo, int hi, int nth) {
        while (lo < hi) {
            int pivot = order[(lo + hi) >>> 1];
            double pv = raw[pivot * d + c];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (before(raw, d, c, order[i], pv, pivot)) {
                    i++;
                }
                while (before(raw, d, c, pivot, raw[order[j] * d + c], order[j])) {
                    j--;
                }
                if (i <= j) {
                    int t = order[i];
                    order[i] = order[j];
                    order[j] = t;
                    i++;
                    j--;
                }
            }
            if (nth <= j) {
                hi = j;
            } else if (nth >= i) {
                lo = i;
            } else {
                return;
            }
        }
    }

    /** @return whether row a comes before the row {@code b} with value {@code bv} in column c */
    private static boolean before(double[] raw, int d, int c, int a, double bv, int b) {
        double av = raw[a * d + c];
        return av < bv || av == bv && a < b;
    }

    /**
     * Finds the k nearest rows of one query.
     *
     * @param query the query values
     * @param offset the query's first value
     * @param self the index to skip (the query's own row when searching within one set), or −1
     * @param top receives the neighbours (cleared by the caller)
     */
    void search(double[] query, int offset, int self, TopK top) {
        visit(0, 0, rows, query, offset, self, top);
    }

    private void visit(int node, int from, int to, double[] query, int offset, int self, TopK top) {
        double worst = top.worst();
        if ((worst >= ExactDistance.GUARD || worst == 0) && boxDistance(node, query, offset) > worst) {
            return;
        }
        int left = 2 * node + 1;
        if (left * 2 * columns >= boxes.length) {
            for (int i = from; i < to; i++) {
                if (index[i] == self) {
                    continue;
                }
                top.offer(ExactDistance.squared(query, offset, values, i * columns, columns), index[i]);
            }
            return;
        }
        int mid = (from + to) >>> 1;
        if (boxDistance(left, query, offset) <= boxDistance(left + 1, query, offset)) {
            visit(left, from, mid, query, offset, self, top);
            visit(left + 1, mid, to, query, offset, self, top);
        } else {
            visit(left + 1, mid, to, query, offset, self, top);
            visit(left, from, mid, query, offset, self, top);
        }
    }

    /** @return a lower bound on the distance from the query to any row in the node's box */
    private double boxDistance(int node, double[] query, int offset) {
        int box = node * 2 * columns;
        double s = 0;
        for (int c = 0; c < columns; c++) {
            double q = query[offset + c];
            double gap = Math.max(0, Math.max(boxes[box + c] - q, q - boxes[box + columns + c]));
            s += gap * gap;
        }
        return s;
    }
}
