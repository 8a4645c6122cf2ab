package io.github.latentcheck.data;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.internal.data.HeapLimit;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Reads and writes NumPy {@code .npy} arrays (format versions 1.0, 2.0 and 3.0), one array per call.
 *
 * <p>Readers consume exactly one array from the stream and never read past its last data byte, so
 * several arrays can follow each other on one stream; they never close the stream. Writers emit
 * format 1.0, little-endian, C order, always 2-D.
 *
 * <p>Messages start with the source name, then say what is wrong. Row and column indices in them
 * count from 0, as NumPy does.
 *
 * @see <a href="https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html">numpy.lib.format</a>
 */
final class NpyFormat {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int PREAMBLE_BYTES = MAGIC.length + 2;
    private static final int MAX_HEADER_BYTES = 1 << 20;
    private static final int MAX_ELEMENTS = Integer.MAX_VALUE - 8;
    private static final int CHUNK_BYTES = 1 << 16;
    private static final int HEADER_ALIGNMENT = 64;

    private NpyFormat() {
    }

    /** The element types a float reader accepts. */
    private enum FloatType {
        FLOAT32("<f4", 4),
        FLOAT64("<f8", 8);

        final String descr;
        final int bytes;

        FloatType(String descr, int bytes) {
            this.descr = descr;
            this.bytes = bytes;
        }
    }

    /**
     * A parsed header: the dtype descriptor and the shape, already checked to be C order, and the
     * offset of the data block from the start of the array.
     */
    private static final class Header {
        final String descr;
        final long[] shape;
        final long dataOffset;

        Header(String descr, long[] shape, long dataOffset) {
            this.descr = descr;
            this.shape = shape;
            this.dataOffset = dataOffset;
        }

        String shapeText() {
            StringBuilder text = new StringBuilder("(");
            for (int i = 0; i < shape.length; i++) {
                text.append(i == 0 ? "" : ", ").append(shape[i]);
            }
            return text.append(shape.length == 1 ? ",)" : ")").toString();
        }
    }

    /** Fills or drains one little-endian chunk of the data block: elements {@code first .. first + n - 1}. */
    @FunctionalInterface
    private interface ChunkHandler {
        void accept(ByteBuffer chunk, int firstElement, int elements);
    }

    /** Reads a float32 or float64 matrix, keeping its precision; every value must be finite. */
    static Samples readSamples(InputStream in, String source) throws IOException {
        Header header = readHeader(in, source);
        FloatType type = floatType(header, source);
        int[] shape = matrixShape(header, source);
        int rows = shape[0];
        int columns = shape[1];
        HeapLimit.requireRoom(source + ": shape " + header.shapeText() + " as "
                + (type == FloatType.FLOAT32 ? "float32" : "float64"), (long) rows * columns * type.bytes);
        if (type == FloatType.FLOAT32) {
            float[] values = new float[rows * columns];
            readData(in, source, header, type.bytes, values.length,
                    (chunk, first, n) -> chunk.asFloatBuffer().get(values, first, n));
            for (int i = 0; i < values.length; i++) {
                if (!Float.isFinite(values[i])) {
                    throw notFinite(source, values[i], i / columns, i % columns);
                }
            }
            return Samples.ofOwned(rows, columns, values);
        }
        double[] values = new double[rows * columns];
        readData(in, source, header, type.bytes, values.length,
                (chunk, first, n) -> chunk.asDoubleBuffer().get(values, first, n));
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw notFinite(source, values[i], i / columns, i % columns);
            }
        }
        return Samples.ofOwned(rows, columns, values);
    }

    /** Reads a float32 or float64 matrix as latents (float32 values widened exactly). */
    static Latents readLatents(InputStream in, String source) throws IOException {
        Samples values = readSamples(in, source);
        return Latents.ofOwned(values.rows(), values.columns(), values.toArray());
    }

    static int[] readIntegers(InputStream in, String source) throws IOException {
        Header header = readHeader(in, source);
        boolean int64;
        if (header.descr.equals("<i4")) {
            int64 = false;
        } else if (header.descr.equals("<i8")) {
            int64 = true;
        } else {
            throw new InvalidInputException(source + ": dtype '" + header.descr + "' (" + describe(header.descr)
                    + ") is not supported; expected a little-endian integer array '<i4' or '<i8'");
        }
        if (header.shape.length != 1) {
            throw new InvalidInputException(source + ": shape " + header.shapeText()
                    + " is not supported; expected a 1-D integer array");
        }
        if (header.shape[0] < 1) {
            throw new InvalidInputException(source + ": shape " + header.shapeText() + " has no values");
        }
        if (header.shape[0] > MAX_ELEMENTS) {
            throw tooLarge(source, header);
        }
        int[] values = new int[(int) header.shape[0]];
        if (int64) {
            readData(in, source, header, Long.BYTES, values.length, (chunk, first, n) -> {
                for (int i = 0; i < n; i++) {
                    long v = chunk.getLong(i * Long.BYTES);
                    if (v != (int) v) {
                        throw new InvalidInputException(source + ": value " + v + " at row " + (first + i)
                                + " (0-based) does not fit in a 32-bit int");
                    }
                    values[first + i] = (int) v;
                }
            });
        } else {
            readData(in, source, header, Integer.BYTES, values.length,
                    (chunk, first, n) -> chunk.asIntBuffer().get(values, first, n));
        }
        return values;
    }

    /**
     * Refuses anything left on the stream after the array: a file holds exactly one array.
     */
    /**
     * Where a float matrix lies in a {@code .npy} file, for reading it in place (memory mapping):
     * the whole matrix may hold more than {@code Integer.MAX_VALUE} values, but not more rows.
     *
     * @param dataOffset the byte offset of the first value
     * @param float64 whether the values are float64 ({@code '<f8'}) rather than float32 ({@code '<f4'})
     * @param rows the rows (a 1-D array is one column)
     * @param columns the values per row
     * @param shapeText the shape as NumPy writes it, for messages
     * @param descr the dtype descriptor, for messages
     */
    record MatrixLayout(long dataOffset, boolean float64, int rows, int columns, String shapeText, String descr) {
        /** @return bytes per value */
        int elementBytes() {
            return float64 ? Double.BYTES : Float.BYTES;
        }

        /** @return bytes of the data block */
        long dataBytes() {
            return (long) rows * columns * elementBytes();
        }
    }

    /**
     * Reads the header of a float32 or float64 matrix and leaves the stream at its first value.
     *
     * @param in the stream, at the start of the array
     * @param source the name used in messages
     * @return the layout
     * @throws InvalidInputException for a header that {@link #readSamples} would reject, except
     *         that only the row count and the column count (not their product) must stay below
     *         {@code Integer.MAX_VALUE}
     * @throws IOException if reading fails
     */
    static MatrixLayout readMatrixLayout(InputStream in, String source) throws IOException {
        Header header = readHeader(in, source);
        FloatType type = floatType(header, source);
        long[] dims = matrixDims(header, source);
        long rows = dims[0];
        long columns = dims[1];
        if (rows > MAX_ELEMENTS || columns > MAX_ELEMENTS) {
            throw new InvalidInputException(source + ": shape " + header.shapeText() + " has more than "
                    + MAX_ELEMENTS + " rows or columns");
        }
        return new MatrixLayout(header.dataOffset, type == FloatType.FLOAT64, (int) rows, (int) columns,
                header.shapeText(), header.descr);
    }

    /**
     * @param source the name used in messages
     * @param value the value, NaN or infinite
     * @param row its row, from 0
     * @param column its column, from 0
     * @return the exception that names them
     */
    static InvalidInputException notFinite(String source, double value, long row, int column) {
        return new InvalidInputException(source + ": " + (Double.isNaN(value) ? "NaN" : value) + " at row " + row
                + ", column " + column + " (0-based); values must be finite");
    }

    static void requireEnd(InputStream in, String source) throws IOException {
        long extra = in.transferTo(OutputStream.nullOutputStream());
        if (extra > 0) {
            throw new InvalidInputException(source + ": " + extra + " extra bytes after the array data");
        }
    }

    static void write(OutputStream out, Samples samples) throws IOException {
        int rows = samples.rows();
        int columns = samples.columns();
        if (samples.precision() == Precision.FLOAT64) {
            double[] values = samples.toArray();
            writeHeader(out, FloatType.FLOAT64.descr, rows, columns);
            writeData(out, Double.BYTES, values.length,
                    (chunk, first, n) -> chunk.asDoubleBuffer().put(values, first, n));
            return;
        }
        float[] values = new float[rows * columns];
        samples.copyRows(0, rows, values);
        writeHeader(out, FloatType.FLOAT32.descr, rows, columns);
        writeData(out, Float.BYTES, values.length,
                (chunk, first, n) -> chunk.asFloatBuffer().put(values, first, n));
    }

    static void writeFloat32(OutputStream out, int rows, int columns, int blockRows, IntFunction<Samples> blocks)
            throws IOException {
        writeHeader(out, FloatType.FLOAT32.descr, rows, columns);
        for (int from = 0; from < rows; from += blockRows) {
            int n = Math.min(blockRows, rows - from);
            Samples block = blocks.apply(from);
            if (block.rows() != n || block.columns() != columns) {
                throw new IllegalStateException("block at row " + from + " is " + block.rows() + " x "
                        + block.columns() + ", not " + n + " x " + columns);
            }
            float[] values = new float[n * columns];
            block.copyRows(0, n, values);
            writeData(out, Float.BYTES, values.length,
                    (chunk, first, count) -> chunk.asFloatBuffer().put(values, first, count));
        }
        out.flush();
    }

    static void write(OutputStream out, Latents latents) throws IOException {
        int rows = latents.rows();
        int columns = latents.dimension();
        double[] values = latents.toArray();
        writeHeader(out, FloatType.FLOAT64.descr, rows, columns);
        writeData(out, Double.BYTES, values.length,
                (chunk, first, n) -> chunk.asDoubleBuffer().put(values, first, n));
    }

    private static void writeHeader(OutputStream out, String descr, int rows, int columns) throws IOException {
        StringBuilder dict = new StringBuilder()
                .append("{'descr': '").append(descr).append("', 'fortran_order': False, 'shape': (")
                .append(rows).append(", ").append(columns).append("), }");
        int unpadded = PREAMBLE_BYTES + 2 + dict.length() + 1;
        int padding = (HEADER_ALIGNMENT - unpadded % HEADER_ALIGNMENT) % HEADER_ALIGNMENT;
        dict.append(" ".repeat(padding)).append('\n');
        byte[] text = dict.toString().getBytes(StandardCharsets.US_ASCII);
        ByteBuffer preamble = ByteBuffer.allocate(PREAMBLE_BYTES + 2).order(ByteOrder.LITTLE_ENDIAN);
        preamble.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) text.length);
        out.write(preamble.array());
        out.write(text);
    }

    private static void writeData(OutputStream out, int elementBytes, int count, ChunkHandler fill)
            throws IOException {
        int perChunk = CHUNK_BYTES / elementBytes;
        ByteBuffer chunk = ByteBuffer.allocate(Math.min(count, perChunk) * elementBytes)
                .order(ByteOrder.LITTLE_ENDIAN);
        for (int first = 0; first < count; first += perChunk) {
            int n = Math.min(perChunk, count - first);
            chunk.clear();
            fill.accept(chunk, first, n);
            out.write(chunk.array(), 0, n * elementBytes);
        }
        out.flush();
    }

    private static Header readHeader(InputStream in, String source) throws IOException {
        byte[] preamble = in.readNBytes(PREAMBLE_BYTES);
        if (preamble.length == 0) {
            throw new InvalidInputException(source + ": no .npy array: the input is empty");
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (i >= preamble.length || preamble[i] != MAGIC[i]) {
                throw new InvalidInputException(source + ": not a .npy file: it does not start with the magic string \\x93NUMPY");
            }
        }
        if (preamble.length < PREAMBLE_BYTES) {
            throw truncatedHeader(source, PREAMBLE_BYTES, preamble.length);
        }
        int major = preamble[MAGIC.length] & 0xff;
        int minor = preamble[MAGIC.length + 1] & 0xff;
        if (major < 1 || major > 3 || minor != 0) {
            throw new InvalidInputException(source + ": .npy format version " + major + "." + minor
                    + " is not supported (supported: 1.0, 2.0, 3.0)");
        }
        int lengthBytes = major == 1 ? 2 : 4;
        byte[] lengthField = in.readNBytes(lengthBytes);
        if (lengthField.length < lengthBytes) {
            throw truncatedHeader(source, PREAMBLE_BYTES + lengthBytes, PREAMBLE_BYTES + lengthField.length);
        }
        ByteBuffer lengthBuffer = ByteBuffer.wrap(lengthField).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = major == 1 ? lengthBuffer.getShort() & 0xffffL : lengthBuffer.getInt() & 0xffffffffL;
        if (headerLength > MAX_HEADER_BYTES) {
            throw new InvalidInputException(source + ": .npy header length " + headerLength
                    + " exceeds the limit of " + MAX_HEADER_BYTES + " bytes");
        }
        byte[] headerBytes = in.readNBytes((int) headerLength);
        if (headerBytes.length < headerLength) {
            int before = PREAMBLE_BYTES + lengthBytes;
            throw truncatedHeader(source, before + headerLength, before + headerBytes.length);
        }
        String text = new String(headerBytes, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        return parseHeader(text.strip(), source, PREAMBLE_BYTES + lengthBytes + headerLength);
    }

    private static Header parseHeader(String text, String source, long dataOffset) {
        HeaderParser parser = new HeaderParser(text, source);
        List<Object[]> entries = parser.dict();
        Object descr = null;
        Object fortranOrder = null;
        Object shape = null;
        for (Object[] entry : entries) {
            String key = (String) entry[0];
            switch (key) {
                case "descr":
                    descr = entry[1];
                    break;
                case "fortran_order":
                    fortranOrder = entry[1];
                    break;
                case "shape":
                    shape = entry[1];
                    break;
                default:
                    throw parser.malformed("unexpected key '" + key + "'");
            }
        }
        if (descr == null || fortranOrder == null || shape == null) {
            throw parser.malformed("it needs the keys 'descr', 'fortran_order' and 'shape'");
        }
        if (descr instanceof StructuredDescr) {
            throw new InvalidInputException(source + ": structured dtype " + ((StructuredDescr) descr).text
                    + " is not supported; expected a plain numeric array");
        }
        if (!(descr instanceof String)) {
            throw parser.malformed("'descr' is not a string");
        }
        if (!(fortranOrder instanceof Boolean)) {
            throw parser.malformed("'fortran_order' is not True or False");
        }
        if (!(shape instanceof long[])) {
            throw parser.malformed("'shape' is not a tuple of integers");
        }
        if ((Boolean) fortranOrder) {
            throw new InvalidInputException(source + ": fortran_order True is not supported; expected a C-order array");
        }
        return new Header((String) descr, (long[]) shape, dataOffset);
    }

    private static FloatType floatType(Header header, String source) {
        for (FloatType type : FloatType.values()) {
            if (type.descr.equals(header.descr)) {
                return type;
            }
        }
        if (header.descr.equals(">f4") || header.descr.equals(">f8")) {
            throw new InvalidInputException(source + ": big-endian dtype '" + header.descr
                    + "' is not supported; expected little-endian '<f4' or '<f8'");
        }
        throw new InvalidInputException(source + ": dtype '" + header.descr + "' (" + describe(header.descr)
                + ") is not supported; expected float32 '<f4' or float64 '<f8'");
    }

    private static String describe(String descr) {
        if (descr.length() < 2) {
            return "unknown type";
        }
        char order = descr.charAt(0);
        String rest = order == '<' || order == '>' || order == '|' || order == '=' ? descr.substring(1) : descr;
        String width = rest.substring(1);
        String endian = order == '>' ? "big-endian " : "";
        switch (rest.charAt(0)) {
            case 'f':
                return endian + "float" + bits(width);
            case 'i':
                return endian + "int" + bits(width);
            case 'u':
                return endian + "uint" + bits(width);
            case 'b':
                return "bool";
            case 'O':
                return "Python object";
            case 'c':
                return endian + "complex" + bits(width);
            case 'U':
                return "unicode string";
            case 'S':
            case 'a':
                return "byte string";
            case 'V':
                return "raw bytes";
            case 'M':
            case 'm':
                return "datetime";
            default:
                return "unknown type";
        }
    }

    private static String bits(String widthBytes) {
        try {
            return String.valueOf(Integer.parseInt(widthBytes) * 8);
        } catch (NumberFormatException e) {
            return " of width '" + widthBytes + "'";
        }
    }

    /**
     * @return {rows, columns} of a 1-D (one column) or 2-D array
     * @throws InvalidInputException naming the file for another rank, or no rows or no columns
     */
    private static long[] matrixDims(Header header, String source) {
        long[] shape = header.shape;
        if (shape.length != 1 && shape.length != 2) {
            throw new InvalidInputException(source + ": shape " + header.shapeText() + " has rank " + shape.length
                    + "; expected a 1-D or 2-D array");
        }
        long rows = shape[0];
        long columns = shape.length == 2 ? shape[1] : 1;
        if (rows < 1 || columns < 1) {
            throw new InvalidInputException(source + ": shape " + header.shapeText() + " has 0 "
                    + (rows < 1 ? "rows" : "columns"));
        }
        return new long[] {rows, columns};
    }

    /** Returns {rows, columns}: 1-D arrays are one column. */
    private static int[] matrixShape(Header header, String source) {
        long[] dims = matrixDims(header, source);
        long rows = dims[0];
        long columns = dims[1];
        if (rows > MAX_ELEMENTS || columns > MAX_ELEMENTS || rows * columns > MAX_ELEMENTS) {
            throw tooLarge(source, header);
        }
        return new int[] {(int) rows, (int) columns};
    }

    private static void readData(InputStream in, String source, Header header, int elementBytes, int count,
            ChunkHandler sink) throws IOException {
        int perChunk = CHUNK_BYTES / elementBytes;
        byte[] buffer = new byte[Math.min(count, perChunk) * elementBytes];
        ByteBuffer chunk = ByteBuffer.wrap(buffer).order(ByteOrder.LITTLE_ENDIAN);
        for (int first = 0; first < count; first += perChunk) {
            int n = Math.min(perChunk, count - first);
            int want = n * elementBytes;
            int got = in.readNBytes(buffer, 0, want);
            if (got < want) {
                throw new InvalidInputException(source + ": truncated data: shape " + header.shapeText() + " of '"
                        + header.descr + "' needs " + (long) count * elementBytes + " bytes, found "
                        + ((long) first * elementBytes + got));
            }
            chunk.clear();
            sink.accept(chunk, first, n);
        }
    }

    private static InvalidInputException truncatedHeader(String source, long expected, long found) {
        return new InvalidInputException(source + ": truncated .npy header: it needs " + expected
                + " bytes, found " + found);
    }

    private static InvalidInputException tooLarge(String source, Header header) {
        return new InvalidInputException(source + ": shape " + header.shapeText() + " has more than "
                + MAX_ELEMENTS + " values, too many for one array");
    }

    /** A descriptor given as a list of fields, kept as text for the message. */
    private static final class StructuredDescr {
        final String text;

        StructuredDescr(String text) {
            this.text = text;
        }
    }

    /**
     * Parses the Python dict literal of a header: string keys; values that are strings, {@code True},
     * {@code False}, tuples of non-negative integers, or (for structured dtypes) lists.
     */
    private static final class HeaderParser {
        private final String text;
        private final String source;
        private int pos;

        HeaderParser(String text, String source) {
            this.text = text;
            this.source = source;
        }

        List<Object[]> dict() {
            List<Object[]> entries = new ArrayList<>();
            expect('{');
            while (peek() != '}') {
                String key = string();
                expect(':');
                entries.add(new Object[] {key, value()});
                if (peek() == ',') {
                    pos++;
                } else if (peek() != '}') {
                    throw malformed("expected ',' or '}' at character " + pos);
                }
            }
            pos++;
            if (peek() != 0) {
                throw malformed("unexpected text after the closing '}'");
            }
            return entries;
        }

        private Object value() {
            char c = peek();
            if (c == '\'' || c == '"') {
                return string();
            }
            if (c == '(') {
                return tuple();
            }
            if (c == '[') {
                return list();
            }
            if (text.startsWith("True", pos)) {
                pos += 4;
                return Boolean.TRUE;
            }
            if (text.startsWith("False", pos)) {
                pos += 5;
                return Boolean.FALSE;
            }
            throw malformed("unexpected value at character " + pos);
        }

        private String string() {
            char quote = peek();
            if (quote != '\'' && quote != '"') {
                throw malformed("expected a quoted string at character " + pos);
            }
            int end = text.indexOf(quote, pos + 1);
            if (end < 0) {
                throw malformed("unterminated string at character " + pos);
            }
            String value = text.substring(pos + 1, end);
            pos = end + 1;
            return value;
        }

        private long[] tuple() {
            expect('(');
            List<Long> dims = new ArrayList<>();
            while (peek() != ')') {
                int start = pos;
                while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                    pos++;
                }
                if (pos == start) {
                    throw malformed("expected a non-negative integer in 'shape' at character " + start);
                }
                String digits = text.substring(start, pos);
                if (digits.length() > 18) {
                    throw malformed("dimension " + digits + " in 'shape' is too large");
                }
                dims.add(Long.parseLong(digits));
                if (peek() == ',') {
                    pos++;
                } else if (peek() != ')') {
                    throw malformed("expected ',' or ')' in 'shape' at character " + pos);
                }
            }
            pos++;
            return dims.stream().mapToLong(Long::longValue).toArray();
        }

        private StructuredDescr list() {
            int start = pos;
            int depth = 0;
            do {
                if (pos >= text.length()) {
                    throw malformed("unterminated list at character " + start);
                }
                char c = text.charAt(pos++);
                depth += c == '[' ? 1 : c == ']' ? -1 : 0;
            } while (depth > 0);
            return new StructuredDescr(text.substring(start, pos));
        }

        private void expect(char c) {
            if (peek() != c) {
                throw malformed("expected '" + c + "' at character " + pos);
            }
            pos++;
        }

        /** Skips white space and returns the next character, or 0 at the end. */
        private char peek() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
            return pos < text.length() ? text.charAt(pos) : 0;
        }

        InvalidInputException malformed(String problem) {
            String shown = text.length() > 200 ? text.substring(0, 200) + "..." : text;
            return new InvalidInputException(source + ": malformed .npy header: " + problem + ": "
                    + shown.replaceAll("\\s+", " "));
        }
    }
}
