package io.github.latentcheck.engine;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The held-out rows' distances to their nearest generated sample, sorted, against which the training
 * rows' distances are ranked by the membership pass ({@link Engine#membershipCount}). For a training
 * distance d it gives \(2\,\#\{j : h_j &gt; d\} + \#\{j : h_j = d\}\) exactly, as a {@code long}, so
 * that the sum over training rows is the same whichever task counts which rows and in whatever order
 * the counts are added. Comparisons are the primitive ones: −0.0 equals +0.0.
 */
final class MembershipRanks implements Serializable {
    private static final long serialVersionUID = 1L;

    private final double[] sorted;

    private MembershipRanks(double[] sorted) {
        this.sorted = sorted;
    }

    /**
     * @param holdoutDistances the held-out rows' distances (finite); copied
     * @return them sorted
     */
    static MembershipRanks of(double[] holdoutDistances) {
        double[] sorted = new double[holdoutDistances.length];
        for (int i = 0; i < sorted.length; i++) {
            // Adding +0.0 turns −0.0 into +0.0, so that Arrays.sort's total order agrees with ==.
            sorted[i] = holdoutDistances[i] + 0.0;
        }
        Arrays.sort(sorted);
        return new MembershipRanks(sorted);
    }

    /** @return the held-out distances ranked against */
    int size() {
        return sorted.length;
    }

    /**
     * @param d a training row's distance
     * @return \(2\,\#\{h &gt; d\} + \#\{h = d\} = 2H - \#\{h &lt; d\} - \#\{h \le d\}\)
     */
    long score(double d) {
        return 2L * sorted.length - below(d, false) - below(d, true);
    }

    /** @return how many held-out distances are below d, or at most d when {@code inclusive} */
    private int below(double d, boolean inclusive) {
        int low = 0;
        int high = sorted.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (sorted[mid] < d || inclusive && sorted[mid] == d) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }
}
