package io.github.latentcheck.check;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A check's per-sample table: named numeric columns of equal length, in order, one row per sample
 * (or per whatever the check scores). Reporters write it as {@code <check id>-<prior label>.csv};
 * the first rows are what the HTML report shows, so a check puts its most interesting rows first.
 * Whole-number columns are {@code long}, the others {@code double}.
 */
public final class SampleTable {
    private final Map<String, Object> columns;
    private final int rows;

    private SampleTable(Map<String, Object> columns, int rows) {
        this.columns = columns;
        this.rows = rows;
    }

    /** @return a builder for a table */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the number of rows */
    public int rows() {
        return rows;
    }

    /** @return the column names, in order */
    public List<String> columnNames() {
        return List.copyOf(columns.keySet());
    }

    /**
     * @param column a column name
     * @param row a row index
     * @return the value, a {@code Long} for a whole-number column and a {@code Double} otherwise
     */
    public Number value(String column, int row) {
        Object values = columns.get(column);
        if (values == null) {
            throw new IllegalArgumentException("no column '" + column + "'; the columns are " + columns.keySet());
        }
        return values instanceof long[] ? (Number) ((long[]) values)[row] : (Number) ((double[]) values)[row];
    }

    /** Collects the columns of a table; each has as many values as the first. */
    public static final class Builder {
        private final Map<String, Object> columns = new LinkedHashMap<>();
        private int rows = -1;

        private Builder() {
        }

        /**
         * @param name the column's name, new to the table
         * @param values its values (copied)
         * @return this builder
         */
        public Builder column(String name, double[] values) {
            return put(name, values.clone(), values.length);
        }

        /**
         * @param name the column's name, new to the table
         * @param values its whole-number values (copied)
         * @return this builder
         */
        public Builder column(String name, long[] values) {
            return put(name, values.clone(), values.length);
        }

        private Builder put(String name, Object values, int length) {
            if (rows >= 0 && length != rows) {
                throw new IllegalArgumentException("column '" + name + "' has " + length + " values, not " + rows);
            }
            if (columns.putIfAbsent(name, values) != null) {
                throw new IllegalArgumentException("column '" + name + "' is given twice");
            }
            rows = length;
            return this;
        }

        /** @return the table */
        public SampleTable build() {
            return new SampleTable(Collections.unmodifiableMap(new LinkedHashMap<>(columns)), Math.max(0, rows));
        }
    }
}
