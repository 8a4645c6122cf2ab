package io.github.latentcheck.knn;

import java.util.Arrays;
import java.util.Objects;

/**
 * Where each shard (file) of a training set begins in the whole set, and which shard holds a row:
 * shard s holds rows {@code [start(s), end(s))}, in shard order. Shared by {@link ShardedRows} and
 * {@link ParquetRows}. Immutable.
 */
final class ShardStarts {
    /** {@code starts[s]}: the index of shard s's first row; {@code starts[shards]}: the rows in all. */
    private final int[] starts;

    private ShardStarts(int[] starts) {
        this.starts = starts;
    }

    /**
     * @param rows each shard's rows, in order (their sum at most {@code Integer.MAX_VALUE}, checked by the caller)
     * @return the shards' starts
     */
    static ShardStarts of(int[] rows) {
        int[] starts = new int[rows.length + 1];
        for (int s = 0; s < rows.length; s++) {
            starts[s + 1] = starts[s] + rows[s];
        }
        return new ShardStarts(starts);
    }

    int shards() {
        return starts.length - 1;
    }

    int rows() {
        return starts[starts.length - 1];
    }

    int start(int shard) {
        Objects.checkIndex(shard, shards());
        return starts[shard];
    }

    /** @return one past the shard's last row */
    int end(int shard) {
        return starts[shard + 1];
    }

    /** @return the shard that holds the row (empty shards hold none) */
    int shardOf(int row) {
        Objects.checkIndex(row, rows());
        int at = Arrays.binarySearch(starts, row);
        if (at >= 0) {
            while (starts[at + 1] == row) {
                at++;
            }
            return at;
        }
        return -at - 2;
    }
}
