package io.github.latentcheck.data;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.internal.data.AtomicFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReaderImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;

/**
 * One Parquet file of a training set: its column of fixed-length float or double arrays (Spark's
 * {@code array<float>}, Arrow's {@code list<float>} or {@code fixed_size_list<float, n>}, a repeated
 * {@code float} field), opened from the footer alone. The values are read one row group at a time
 * ({@link #readGroup(int)}), only the chosen column, so the heap holds one row group of it, never
 * the file.
 *
 * <p>Every row must hold the same number of values, none null and every one finite: a row that does
 * not stops the read with an {@link InvalidInputException} naming the file, the row (counted from 0
 * in the file) and the column. Only local paths are read (the shared or copied file system that
 * {@code .npy} shards need too).
 *
 * <p>Immutable; each read opens the file anew, so it is safe to read from several threads at once.
 * Loaded only after {@link ParquetFiles} found parquet-hadoop on the class path.
 */
public final class ParquetFile {
    /** A converter the column reader requires but that is never called: the values are read with {@code getFloat}. */
    private static final PrimitiveConverter UNUSED = new PrimitiveConverter() {
    };

    private final Path file;
    private final String column;
    private final Precision precision;
    private final int columns;
    private final long[] groupStarts;

    private ParquetFile(Path file, String column, Precision precision, int columns, long[] groupStarts) {
        this.file = file;
        this.column = column;
        this.precision = precision;
        this.columns = columns;
        this.groupStarts = groupStarts;
    }

    /**
     * Reads the footer, chooses the column and takes the row length from the row groups' value counts.
     *
     * @param file a Parquet file
     * @param column the column's name, or null for the only top-level column of float or double arrays
     * @return the file
     * @throws InvalidInputException if the file cannot be read as Parquet, the column is missing or not an
     *     array of float or double, no column or several qualify (with {@code column} null, listing them),
     *     a row group's values are not a whole number per row (naming the first row of another length
     *     or the first null), the rows are empty, or the file has more than {@code Integer.MAX_VALUE − 8} rows
     */
    public static ParquetFile open(Path file, String column) {
        try (ParquetFileReader reader = reader(file)) {
            MessageType schema = reader.getFileMetaData().getSchema();
            String name = choose(file, schema, column);
            ColumnDescriptor leaf = leaf(schema, name);
            Precision precision = leaf.getPrimitiveType().getPrimitiveTypeName() == PrimitiveTypeName.FLOAT
                    ? Precision.FLOAT32 : Precision.FLOAT64;
            List<BlockMetaData> groups = reader.getRowGroups();
            long[] starts = new long[groups.size() + 1];
            int columns = -1;
            for (int g = 0; g < groups.size(); g++) {
                BlockMetaData group = groups.get(g);
                long rows = group.getRowCount();
                starts[g + 1] = starts[g] + rows;
                if (rows == 0) {
                    continue;
                }
                long values = chunk(group, leaf).getValueCount();
                if (values % rows != 0 || values / rows > Integer.MAX_VALUE || columns >= 0 && values / rows != columns) {
                    ParquetFile opened = new ParquetFile(file, name, precision, -1, starts);
                    opened.decode(reader, schema, leaf, g, columns);
                    throw new InvalidInputException(file + ": column " + name + ": row group " + g + " holds " + values
                            + " values in " + rows + " rows, not the same number in every row");
                }
                columns = (int) (values / rows);
            }
            if (columns <= 0) {
                throw new InvalidInputException(file + ": column " + name + " has no values");
            }
            if (starts[groups.size()] > Integer.MAX_VALUE - 8) {
                throw new InvalidInputException(file + ": " + starts[groups.size()] + " rows, more than the "
                        + (Integer.MAX_VALUE - 8) + " a training set may have");
            }
            return new ParquetFile(file, name, precision, columns, starts);
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read: " + AtomicFile.reason(e), e);
        }
    }

    /** @return the file's path as given */
    public String source() {
        return file.toString();
    }

    /** @return the column read */
    public String column() {
        return column;
    }

    /** @return the precision of the values: float32 for {@code float} elements, float64 for {@code double} */
    public Precision precision() {
        return precision;
    }

    /** @return the values per row */
    public int columns() {
        return columns;
    }

    /** @return the rows in the file */
    public int rows() {
        return (int) groupStarts[groupStarts.length - 1];
    }

    /** @return the number of row groups */
    public int groups() {
        return groupStarts.length - 1;
    }

    /**
     * @param group a row group's number
     * @return the file row of its first row
     */
    public int groupStart(int group) {
        return (int) groupStarts[group];
    }

    /**
     * @param group a row group's number
     * @return its rows
     */
    public int groupRows(int group) {
        return (int) (groupStarts[group + 1] - groupStarts[group]);
    }

    /**
     * Reads one row group of the column.
     *
     * @param group a row group's number
     * @return its rows, in this file's precision
     * @throws InvalidInputException naming the file, row and column of the first row of another length,
     *     the first null, or the first value that is not finite, or if the file cannot be read
     */
    public Samples readGroup(int group) {
        try (ParquetFileReader reader = reader(file)) {
            MessageType schema = reader.getFileMetaData().getSchema();
            return decode(reader, schema, leaf(schema, column), group, columns);
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read row group " + group + ": " + AtomicFile.reason(e), e);
        }
    }

    /**
     * Decodes one row group's column from its repetition and definition levels: a repetition level of 0
     * starts a row; a definition level below the leaf's maximum is a null array, an empty array or a
     * null element.
     *
     * @param expected the values per row, or -1 to take them from the group's first row and only check
     *     the rows (the footer's counts did not divide evenly)
     * @return the rows, or null when {@code expected} is -1
     */
    private Samples decode(ParquetFileReader reader, MessageType schema, ColumnDescriptor leaf, int group,
            int expected) throws IOException {
        reader.setRequestedSchema(new MessageType(schema.getName(), schema.getType(column)));
        PageReadStore pages = reader.readRowGroup(group);
        if (pages == null) {
            throw new InvalidInputException(file + ": no row group " + group);
        }
        // The writer's version only matters for BINARY columns (delta byte arrays); these are float or double.
        ColumnReader values = new ColumnReaderImpl(leaf, pages.getPageReader(leaf), UNUSED, null);
        int rows = (int) pages.getRowCount();
        Levels levels = Levels.of(schema, leaf);
        boolean floats = precision == Precision.FLOAT32;
        boolean store = expected >= 0;
        float[] f = store && floats ? new float[Math.multiplyExact(rows, expected)] : null;
        double[] d = store && !floats ? new double[Math.multiplyExact(rows, expected)] : null;
        int length = expected;
        long first = groupStarts[group];
        int row = -1;
        int inRow = 0;
        for (long entry = 0, total = values.getTotalValueCount(); entry < total; entry++) {
            if (values.getCurrentRepetitionLevel() == 0) {
                if (row >= 0) {
                    length = checkLength(first + row, inRow, length);
                }
                row++;
                inRow = 0;
            }
            int definition = values.getCurrentDefinitionLevel();
            if (definition < levels.value()) {
                throw new InvalidInputException(at(first + row) + (definition < levels.list() ? "null"
                        : definition < levels.element() ? "an empty array" : "value " + inRow + " is null"));
            }
            double value = floats ? values.getFloat() : values.getDouble();
            if (!Double.isFinite(value)) {
                throw new InvalidInputException(at(first + row) + "value " + inRow + " is not finite: " + value);
            }
            if (store && inRow < length) {
                if (floats) {
                    f[row * length + inRow] = (float) value;
                } else {
                    d[row * length + inRow] = value;
                }
            }
            inRow++;
            values.consume();
        }
        if (row >= 0) {
            checkLength(first + row, inRow, length);
        }
        if (row + 1 != rows) {
            throw new InvalidInputException(file + ": column " + column + ": row group " + group + " has " + (row + 1)
                    + " rows of values but its footer says " + rows);
        }
        if (!store) {
            return null;
        }
        return floats ? Samples.ofOwned(rows, length, f) : Samples.ofOwned(rows, length, d);
    }

    private int checkLength(long fileRow, int values, int length) {
        if (length >= 0 && values != length) {
            throw new InvalidInputException(at(fileRow) + values + " values, not " + length + " as in the other rows");
        }
        return values;
    }

    private String at(long fileRow) {
        return file + ": row " + fileRow + ", column " + column + ": ";
    }

    private static ParquetFileReader reader(Path file) throws IOException {
        try {
            return ParquetFileReader.open(new LocalInputFile(file));
        } catch (RuntimeException e) {
            // parquet-java reports a file that is not Parquet (bad magic number, bad footer) as a RuntimeException.
            throw new InvalidInputException(file + ": not a Parquet file: " + e.getMessage(), e);
        }
    }

    private static ColumnChunkMetaData chunk(BlockMetaData group, ColumnDescriptor leaf) {
        for (ColumnChunkMetaData chunk : group.getColumns()) {
            if (Arrays.equals(chunk.getPath().toArray(), leaf.getPath())) {
                return chunk;
            }
        }
        throw new IllegalStateException("a row group holds every column of the schema: " + Arrays.toString(leaf.getPath()));
    }

    private static String choose(Path file, MessageType schema, String column) {
        if (column != null) {
            if (!schema.containsField(column)) {
                throw new InvalidInputException(file + ": no column " + column + " (columns: " + describe(schema) + ")");
            }
            if (!isFloatArray(schema, column)) {
                throw new InvalidInputException(file + ": column " + column + " is " + describe(schema, column)
                        + ", not an array of float or double");
            }
            return column;
        }
        List<String> candidates = new ArrayList<>();
        for (Type field : schema.getFields()) {
            if (isFloatArray(schema, field.getName())) {
                candidates.add(field.getName());
            }
        }
        if (candidates.isEmpty()) {
            throw new InvalidInputException(file + ": no column is an array of float or double (columns: "
                    + describe(schema) + ")");
        }
        if (candidates.size() > 1) {
            throw new InvalidInputException(file + ": " + candidates.size() + " columns are arrays of float or double ("
                    + String.join(", ", candidates) + "): choose one with --train-column (data.training_column in a spec)");
        }
        return candidates.get(0);
    }

    /** @return whether the top-level field is one array (one repeated level) of float or double */
    private static boolean isFloatArray(MessageType schema, String field) {
        List<ColumnDescriptor> leaves = leaves(schema, field);
        if (leaves.size() != 1 || leaves.get(0).getMaxRepetitionLevel() != 1) {
            return false;
        }
        PrimitiveTypeName type = leaves.get(0).getPrimitiveType().getPrimitiveTypeName();
        return type == PrimitiveTypeName.FLOAT || type == PrimitiveTypeName.DOUBLE;
    }

    private static ColumnDescriptor leaf(MessageType schema, String field) {
        return leaves(schema, field).get(0);
    }

    private static List<ColumnDescriptor> leaves(MessageType schema, String field) {
        List<ColumnDescriptor> leaves = new ArrayList<>();
        for (ColumnDescriptor leaf : schema.getColumns()) {
            if (leaf.getPath()[0].equals(field)) {
                leaves.add(leaf);
            }
        }
        return leaves;
    }

    private static String describe(MessageType schema) {
        List<String> fields = new ArrayList<>();
        for (Type field : schema.getFields()) {
            fields.add(field.getName() + " " + describe(schema, field.getName()));
        }
        return String.join(", ", fields);
    }

    private static String describe(MessageType schema, String field) {
        List<ColumnDescriptor> leaves = leaves(schema, field);
        if (leaves.size() != 1) {
            return "a group of " + leaves.size() + " columns";
        }
        ColumnDescriptor leaf = leaves.get(0);
        String type = leaf.getPrimitiveType().getPrimitiveTypeName().name().toLowerCase(Locale.ROOT);
        return switch (leaf.getMaxRepetitionLevel()) {
            case 0 -> type;
            case 1 -> "an array of " + type;
            default -> "a nested array of " + type;
        };
    }

    /**
     * The definition levels that matter for one column of arrays: at {@code list} the array is present
     * (below it, null), at {@code element} it has an entry (below it, empty), at {@code value} the entry
     * is a value (below it, a null element).
     */
    private record Levels(int list, int element, int value) {
        static Levels of(MessageType schema, ColumnDescriptor leaf) {
            String[] path = leaf.getPath();
            Type top = schema.getType(path[0]);
            int list = top.isRepetition(Type.Repetition.REPEATED) ? 0 : schema.getMaxDefinitionLevel(path[0]);
            int element = leaf.getMaxDefinitionLevel();
            for (int depth = 1; depth <= path.length; depth++) {
                String[] prefix = Arrays.copyOf(path, depth);
                if (schema.getType(prefix).isRepetition(Type.Repetition.REPEATED)) {
                    element = schema.getMaxDefinitionLevel(prefix);
                    break;
                }
            }
            return new Levels(list, element, leaf.getMaxDefinitionLevel());
        }
    }
}
