package io.github.latentcheck.knn;

import io.github.latentcheck.internal.concurrent.Tasks;
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
     * Builds the tree. The rows are selected in place (values and indices swapped together, so every
     * comparison reads adjacent memory; selecting through an index array cost a cache miss per
     * comparison and made the build 75 % of a 10,000 × 100,000 × 2 search), and the subtrees below the
     * top levels are built in parallel. Each node holds the same set of rows whatever the order of the
     * work (the median split by value, then index, is unique), so the tree does not depend on the thread
     * count.
     *
     * @param reference the rows, read whole
     * @param threads the threads to build with
     * @return the tree
     */
    static KdTree build(ReferenceRows reference, int threads) {
        int d = reference.columns();
        int m = reference.rows();
        double[] values = new double[m * d];
        reference.copyBlock(0, m, values, 0);
        int[] index = new int[m];
        for (int i = 0; i < m; i++) {
            index[i] = i;
        }
        int nodes = 1;
        while (leafRows(nodes, m) > LEAF) {
            nodes = 2 * nodes + 1;
        }
        double[] boxes = new double[nodes * 2 * d];
        Builder builder = new Builder(values, index, d, nodes, boxes);
        int parallelDepth = 0;
        while ((1 << parallelDepth) < 4 * threads && (2 << parallelDepth) - 1 < nodes) {
            parallelDepth++;
        }
        int first = (1 << parallelDepth) - 1;
        int subtrees = Math.min(first + 1, nodes - first);
        int[] from = new int[subtrees];
        int[] to = new int[subtrees];
        builder.splitTop(0, 0, m, first, from, to);
        Tasks.run(subtrees, threads, t -> builder.split(first + t, from[t], to[t]));
        return new KdTree(d, m, values, index, boxes);
    }

    /** @return the most rows in a node of the last level of a complete tree with {@code nodes} nodes */
    private static int leafRows(int nodes, int m) {
        int leaves = (nodes + 1) / 2;
        return (m + leaves - 1) / leaves;
    }

    /** The arrays a build works on: rows selected in place, node boxes filled as nodes are split. */
    private static final class Builder {
        private final double[] values;
        private final int[] index;
        private final int d;
        private final int nodes;
        private final double[] boxes;

        Builder(double[] values, int[] index, int d, int nodes, double[] boxes) {
            this.values = values;
            this.index = index;
            this.d = d;
            this.nodes = nodes;
            this.boxes = boxes;
        }

        /**
         * Splits the nodes above {@code first} (the first node of the level built in parallel) and records
         * the row range of each node of that level.
         */
        void splitTop(int node, int lo, int hi, int first, int[] from, int[] to) {
            if (node >= first) {
                from[node - first] = lo;
                to[node - first] = hi;
                return;
            }
            int mid = splitNode(node, lo, hi);
            splitTop(2 * node + 1, lo, mid, first, from, to);
            splitTop(2 * node + 2, mid, hi, first, from, to);
        }

        /** Builds the subtree of {@code node} over rows {@code [lo, hi)}. */
        void split(int node, int lo, int hi) {
            int mid = splitNode(node, lo, hi);
            if (mid >= 0) {
                split(2 * node + 1, lo, mid);
                split(2 * node + 2, mid, hi);
            }
        }

        /**
         * Sets the node's tight box and, for an inner node, selects the median of its widest side in place.
         *
         * @return where the right child's rows start, or −1 for a leaf
         */
        private int splitNode(int node, int lo, int hi) {
            int box = node * 2 * d;
            for (int c = 0; c < d; c++) {
                double low = Double.POSITIVE_INFINITY;
                double high = Double.NEGATIVE_INFINITY;
                for (int i = lo; i < hi; i++) {
                    double v = values[i * d + c];
                    low = Math.min(low, v);
                    high = Math.max(high, v);
                }
                boxes[box + c] = low;
                boxes[box + d + c] = high;
            }
            if (2 * node + 1 >= nodes) {
                return -1;
            }
            int widest = 0;
            for (int c = 1; c < d; c++) {
                if (boxes[box + d + c] - boxes[box + c] > boxes[box + d + widest] - boxes[box + widest]) {
                    widest = c;
                }
            }
            int mid = (lo + hi) >>> 1;
            select(widest, lo, hi - 1, mid);
            return mid;
        }

        /** Hoare's selection: puts the row of rank {@code nth} by column c (then index) at {@code nth}. */
        private void select(int c, int lo, int hi, int nth) {
            while (lo < hi) {
                int p = (lo + hi) >>> 1;
                double pv = values[p * d + c];
                int pi = index[p];
                int i = lo;
                int j = hi;
                while (i <= j) {
                    while (values[i * d + c] < pv || values[i * d + c] == pv && index[i] < pi) {
                        i++;
                    }
                    while (pv < values[j * d + c] || pv == values[j * d + c] && pi < index[j]) {
                        j--;
                    }
                    if (i <= j) {
                        swap(i++, j--);
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

        private void swap(int i, int j) {
            int t = index[i];
            index[i] = index[j];
            index[j] = t;
            for (int c = 0; c < d; c++) {
                double v = values[i * d + c];
                values[i * d + c] = values[j * d + c];
                values[j * d + c] = v;
            }
        }
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
