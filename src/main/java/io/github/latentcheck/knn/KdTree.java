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
     * Finds the k nearest rows of one query, depth first with an explicit stack (a loop the JIT
     * compiles on stack replacement within the first queries, where the recursive form waited for
     * whole-method compilation), nearer child first.
     *
     * @param query the query values
     * @param offset the query's first value
     * @param self the index to skip (the query's own row when searching within one set), or −1
     * @param top receives the neighbours (cleared by the caller)
     * @param stack scratch space of at least {@link #stackSize()} ints, one per worker
     */
    void search(double[] query, int offset, int self, TopK top, int[] stack) {
        int sp = 0;
        stack[sp++] = 0;
        stack[sp++] = 0;
        stack[sp++] = rows;
        int firstLeaf = boxes.length / (2 * columns) / 2;
        while (sp > 0) {
            int to = stack[--sp];
            int from = stack[--sp];
            int node = stack[--sp];
            double worst = top.worst();
            if ((worst >= ExactDistance.GUARD || worst == 0) && boxDistance(node, query, offset) > worst) {
                continue;
            }
            if (node >= firstLeaf) {
                scanLeaf(from, to, query, offset, self, top);
                continue;
            }
            int left = 2 * node + 1;
            int mid = (from + to) >>> 1;
            boolean leftFirst = boxDistance(left, query, offset) <= boxDistance(left + 1, query, offset);
            int near = leftFirst ? left : left + 1;
            // The farther child goes on the stack first, so that the nearer one is visited first.
            stack[sp++] = leftFirst ? left + 1 : left;
            stack[sp++] = leftFirst ? mid : from;
            stack[sp++] = leftFirst ? to : mid;
            stack[sp++] = near;
            stack[sp++] = leftFirst ? from : mid;
            stack[sp++] = leftFirst ? mid : to;
        }
    }

    /** @return the scratch ints {@link #search} needs: three per level, plus one level */
    int stackSize() {
        int depth = 1;
        for (int n = boxes.length / (2 * columns); n > 1; n >>>= 1) {
            depth++;
        }
        return 3 * (depth + 1);
    }

    private void scanLeaf(int from, int to, double[] query, int offset, int self, TopK top) {
        for (int i = from; i < to; i++) {
            if (index[i] != self) {
                top.offer(distance(query, offset, i), index[i]);
            }
        }
    }

    /**
     * @return {@link ExactDistance#squared} of the query and row i (tree order), with the sum for 2
     *     and 3 columns written out: the same additions in the same order from 0, hence the same double
     */
    private double distance(double[] query, int offset, int i) {
        double s;
        int at = i * columns;
        if (columns == 2) {
            double a = query[offset] - values[at];
            double b = query[offset + 1] - values[at + 1];
            s = a * a + b * b;
        } else if (columns == 3) {
            double a = query[offset] - values[at];
            double b = query[offset + 1] - values[at + 1];
            double c = query[offset + 2] - values[at + 2];
            s = a * a + b * b + c * c;
        } else {
            return ExactDistance.squared(query, offset, values, at, columns);
        }
        // Below the guard or at overflow, ExactDistance computes the value another way or rejects it.
        return s >= ExactDistance.GUARD && s < Double.POSITIVE_INFINITY
                ? s : ExactDistance.squared(query, offset, values, at, columns);
    }

    /** @return a lower bound on the distance from the query to any row in the node's box */
    private double boxDistance(int node, double[] query, int offset) {
        int box = node * 2 * columns;
        if (columns == 2) {
            double g0 = gap(query[offset], boxes[box], boxes[box + 2]);
            double g1 = gap(query[offset + 1], boxes[box + 1], boxes[box + 3]);
            return g0 * g0 + g1 * g1;
        }
        double s = 0;
        for (int c = 0; c < columns; c++) {
            double g = gap(query[offset + c], boxes[box + c], boxes[box + columns + c]);
            s += g * g;
        }
        return s;
    }

    private static double gap(double q, double lo, double hi) {
        return Math.max(0, Math.max(lo - q, q - hi));
    }
}
