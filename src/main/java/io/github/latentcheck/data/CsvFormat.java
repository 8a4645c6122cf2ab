package io.github.latentcheck.data;

import io.github.latentcheck.InvalidInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads and writes numeric CSV: one header row of column names, then one row of numbers per sample,
 * separated by commas, with {@code \n} or {@code \r\n} line endings and no index column.
 *
 * <p>Header names may be wrapped in double quotes, which are removed; names are trimmed and must be
 * non-empty and distinct, and not all of them numbers (a file without a header row would otherwise
 * lose its first row). Cells are decimal numbers ({@code -1.5}, {@code 2e-3}, {@code .5}; no hexadecimal,
 * no {@code f}/{@code d} suffixes, which Java's parsers would accept) parsed to the nearest float64, and
 * must be finite; samples and latents read from CSV are float64. Blank lines at the end are ignored. When
 * only some columns are selected, only those cells are parsed, but every line must still have as many
 * cells as the header.
 *
 * <p>Messages start with the source name; line numbers count from 1 with the header as line 1, and
 * header positions count from 1, as in a spreadsheet.
 */
final class CsvFormat {
    private static final int MAX_VALUES = Integer.MAX_VALUE - 8;
    private static final int MAX_CELL_SHOWN = 40;
    private static final int INITIAL_CAPACITY = 1024;
    private static final char BYTE_ORDER_MARK = '\uFEFF';
    /** How NumPy, pandas and R write NaN and infinities, which Java's parsers do not read. */
    private static final Pattern NON_FINITE = Pattern.compile("[+-]?(?i:nan|inf|infinity)");
    /** A decimal number as CSV writers write one; {@link Double#parseDouble} alone also takes {@code 1f}, {@code 0x1p3}. */
    private static final Pattern DECIMAL = Pattern.compile("\\s*[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?\\s*");

    private CsvFormat() {
    }

    /** Parses one selected cell, {@code text[from, to)}, and stores it at its row-major index. */
    private interface CellSink {
        void accept(String text, int from, int to, int index, long line, String column);
    }

    /** What a read found: the selected column names and the number of data rows. */
    private static final class Table {
        final List<String> names;
        final int rows;

        Table(List<String> names, int rows) {
            this.names = names;
            this.rows = rows;
        }
    }

    /**
     * @param selection column names to keep, in this order, or {@code null} for all columns
     */
    static Samples readSamples(BufferedReader reader, String source, List<String> selection) throws IOException {
        DoubleColumns values = new DoubleColumns(source);
        Table table = read(reader, source, selection, values);
        return Samples.ofOwned(table.rows, table.names.size(), values.toArray(table.rows * table.names.size()))
                .withColumnNames(table.names);
    }

    static Latents readLatents(BufferedReader reader, String source) throws IOException {
        DoubleColumns values = new DoubleColumns(source);
        Table table = read(reader, source, null, values);
        return Latents.ofOwned(table.rows, table.names.size(), values.toArray(table.rows * table.names.size()));
    }

    static void write(Writer out, String source, Samples samples) throws IOException {
        checkWritable(samples.columnNames(), source);
        double[] values = samples.toArray();
        ValueFormatter format = samples.precision() == Precision.FLOAT32
                ? (line, i) -> line.append((float) values[i])
                : (line, i) -> line.append(values[i]);
        writeTable(out, samples.columnNames(), samples.rows(), format);
    }

    static void write(Writer out, Latents latents) throws IOException {
        double[] values = latents.toArray();
        writeTable(out, Samples.defaultNames("z", latents.dimension()), latents.rows(),
                (line, i) -> line.append(values[i]));
    }

    /** Appends the value at a row-major index in a form that parses back to the same value. */
    @FunctionalInterface
    private interface ValueFormatter {
        void append(StringBuilder line, int index);
    }

    private static void writeTable(Writer out, List<String> names, int rows, ValueFormatter format)
            throws IOException {
        int columns = names.size();
        out.write(String.join(",", names));
        out.write('\n');
        StringBuilder line = new StringBuilder();
        for (int r = 0, i = 0; r < rows; r++) {
            line.setLength(0);
            for (int c = 0; c < columns; c++, i++) {
                if (c > 0) {
                    line.append(',');
                }
                format.append(line, i);
            }
            out.append(line).append('\n');
        }
        out.flush();
    }

    private static void checkWritable(List<String> names, String source) {
        Map<String, Integer> seen = new HashMap<>();
        for (int c = 0; c < names.size(); c++) {
            String name = names.get(c);
            if (name.isEmpty() || !name.strip().equals(name) || name.indexOf(',') >= 0 || name.indexOf('"') >= 0
                    || name.indexOf('\n') >= 0 || name.indexOf('\r') >= 0) {
                throw new InvalidInputException(source + ": column name '" + name + "' cannot be written to CSV:"
                        + " it is empty, has surrounding spaces, or holds a comma, quote or line break");
            }
            Integer earlier = seen.putIfAbsent(name, c);
            if (earlier != null) {
                throw new InvalidInputException(source + ": column name '" + name + "' appears twice (columns "
                        + (earlier + 1) + " and " + (c + 1) + ") and cannot be written to CSV");
            }
        }
    }

    private static Table read(BufferedReader reader, String source, List<String> selection, CellSink sink)
            throws IOException {
        String headerLine = reader.readLine();
        if (headerLine == null) {
            throw new InvalidInputException(source + ": is empty; expected a header row of column names");
        }
        if (!headerLine.isEmpty() && headerLine.charAt(0) == BYTE_ORDER_MARK) {
            headerLine = headerLine.substring(1);
        }
        if (headerLine.isBlank()) {
            throw new InvalidInputException(source + ": line 1: the header row is blank; expected column names");
        }
        List<String> header = parseHeader(headerLine, source);
        if (header.stream().allMatch(name -> DECIMAL.matcher(name).matches())) {
            throw new InvalidInputException(source + ": line 1: the header row holds numbers, not column names ("
                    + shown(headerLine) + "); add a header row of names such as x0,x1,...");
        }
        int[] selected = selection == null ? allColumns(header.size())
                : SampleFiles.columnIndices(source, header, selection);
        int[] slotOfColumn = new int[header.size()];
        Arrays.fill(slotOfColumn, -1);
        List<String> names = new ArrayList<>(selected.length);
        for (int slot = 0; slot < selected.length; slot++) {
            slotOfColumn[selected[slot]] = slot;
            names.add(header.get(selected[slot]));
        }

        long line = 1;
        long firstBlank = 0;
        int rows = 0;
        String text;
        while ((text = reader.readLine()) != null) {
            line++;
            if (text.isBlank()) {
                firstBlank = firstBlank == 0 ? line : firstBlank;
                continue;
            }
            if (firstBlank != 0) {
                throw new InvalidInputException(source + ": line " + firstBlank
                        + " is blank but data follows on line " + line);
            }
            int cells = countCells(text);
            if (cells != header.size()) {
                throw new InvalidInputException(source + ": line " + line + " has " + cells
                        + " cells but the header has " + header.size());
            }
            if ((long) (rows + 1) * selected.length > MAX_VALUES) {
                throw new InvalidInputException(source + ": line " + line + ": more than " + MAX_VALUES
                        + " values, too many for one array");
            }
            int rowStart = rows * selected.length;
            int start = 0;
            for (int c = 0; c < cells; c++) {
                int comma = text.indexOf(',', start);
                int end = comma < 0 ? text.length() : comma;
                int slot = slotOfColumn[c];
                if (slot >= 0) {
                    sink.accept(text, start, end, rowStart + slot, line, header.get(c));
                }
                start = end + 1;
            }
            rows++;
        }
        if (rows == 0) {
            throw new InvalidInputException(source + ": has no data rows, only the header");
        }
        return new Table(List.copyOf(names), rows);
    }

    private static List<String> parseHeader(String text, String source) {
        List<String> names = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        int start = 0;
        while (true) {
            int comma = text.indexOf(',', start);
            int end = comma < 0 ? text.length() : comma;
            String name = text.substring(start, end).strip();
            if (name.length() >= 2 && name.charAt(0) == '"' && name.charAt(name.length() - 1) == '"') {
                name = name.substring(1, name.length() - 1).strip();
            }
            int position = names.size() + 1;
            if (name.isEmpty()) {
                throw new InvalidInputException(source + ": line 1: column " + position
                        + " of the header has an empty name");
            }
            Integer earlier = seen.putIfAbsent(name, position);
            if (earlier != null) {
                throw new InvalidInputException(source + ": line 1: duplicate column name '" + name + "' (columns "
                        + earlier + " and " + position + ")");
            }
            names.add(name);
            if (comma < 0) {
                return names;
            }
            start = comma + 1;
        }
    }

    private static int[] allColumns(int count) {
        int[] all = new int[count];
        Arrays.setAll(all, i -> i);
        return all;
    }

    private static int countCells(String text) {
        int cells = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == ',') {
                cells++;
            }
        }
        return cells;
    }

    private static String shown(String cell) {
        return cell.length() > MAX_CELL_SHOWN ? cell.substring(0, MAX_CELL_SHOWN) + "..." : cell;
    }

    private static String where(String source, long line, String column) {
        return source + ": line " + line + ", column '" + column + "': ";
    }

    private static InvalidInputException notANumber(String source, long line, String column, String cell) {
        if (cell.isBlank()) {
            return new InvalidInputException(where(source, line, column) + "empty cell; expected a number");
        }
        if (NON_FINITE.matcher(cell.strip()).matches()) {
            return notFinite(source, line, column, cell);
        }
        return new InvalidInputException(where(source, line, column) + "not a number: '" + shown(cell) + "'");
    }

    private static InvalidInputException notFinite(String source, long line, String column, String cell) {
        return new InvalidInputException(where(source, line, column) + "value must be finite: '" + shown(cell) + "'");
    }

    /** The selected cells of every row, as float64, row-major. */
    private static final class DoubleColumns implements CellSink {
        private final String source;
        private double[] values = new double[INITIAL_CAPACITY];

        DoubleColumns(String source) {
            this.source = source;
        }

        @Override
        public void accept(String text, int from, int to, int index, long line, String column) {
            String cell = text.substring(from, to);
            if (!DECIMAL.matcher(cell).matches()) {
                throw notANumber(source, line, column, cell);
            }
            double value = Double.parseDouble(cell);
            if (!Double.isFinite(value)) {
                throw notFinite(source, line, column, text.substring(from, to));
            }
            if (index >= values.length) {
                values = Arrays.copyOf(values, grow(values.length, index));
            }
            values[index] = value;
        }

        double[] toArray(int size) {
            return size == values.length ? values : Arrays.copyOf(values, size);
        }
    }

    /** A new capacity, at least doubled, that holds {@code index} and stays within {@link #MAX_VALUES}. */
    private static int grow(int capacity, int index) {
        return (int) Math.min(MAX_VALUES, Math.max(2L * capacity, index + 1L));
    }
}
