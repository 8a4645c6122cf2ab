package io.github.latentcheck.data;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.internal.data.AtomicFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A float32 or float64 C-order {@code .npy} matrix read in place through memory mapping, for
 * training sets larger than the heap: the operating system pages the rows in as they are read and
 * may drop them again, so the heap holds only the blocks a caller copies out. The file is mapped in
 * several read-only regions of whole rows, each at most {@value #MAX_MAPPING_BYTES} bytes (one
 * mapping cannot exceed 2 GiB), with long byte offsets: the matrix may hold more than
 * {@code Integer.MAX_VALUE} values (10⁷ × 128 float32 rows are 1.28 × 10⁹ values, 5.1 GB), but at
 * most {@code Integer.MAX_VALUE − 8} rows. The values keep the file's {@link Precision}: they are
 * copied out exactly ({@link #copyRows(int, int, double[], int)}) or, for kernels that screen in float32,
 * rounded to float32 ({@link #copyRows(int, int, float[])}).
 *
 * <p>Values are checked when they are copied out, not when the file is opened: a NaN or an infinity
 * raises an {@link InvalidInputException} that names the file, the row and the column, exactly as
 * {@link SampleFiles#readSamples(Path)} would.
 *
 * <p>Instances are immutable and safe to read from several threads at once. The mappings are
 * released by the garbage collector once the instance is unreachable (the JDK offers no explicit
 * unmapping).
 */
public final class MappedNpyFile {
    /**
     * Training files whose values, as float32, would take more than this share of the maximum heap
     * are mapped rather than read into memory ({@link #openIfLarge}).
     */
    public static final double HEAP_SHARE = 0.25;

    /** Bytes per mapping at most: 1 GiB, so that every mapping stays below the 2 GiB limit. */
    static final long MAX_MAPPING_BYTES = 1L << 30;

    private final String source;
    private final int rows;
    private final int columns;
    private final boolean float64;
    private final int rowsPerMapping;
    private final FloatBuffer[] floats;
    private final DoubleBuffer[] doubles;

    private MappedNpyFile(String source, NpyFormat.MatrixLayout layout, int rowsPerMapping, FloatBuffer[] floats,
            DoubleBuffer[] doubles) {
        this.source = source;
        this.rows = layout.rows();
        this.columns = layout.columns();
        this.float64 = layout.float64();
        this.rowsPerMapping = rowsPerMapping;
        this.floats = floats;
        this.doubles = doubles;
    }

    /**
     * Opens and maps a {@code .npy} matrix.
     *
     * @param file a little-endian float32 or float64 C-order array, 1-D (one column) or 2-D
     * @return the mapped rows
     * @throws InvalidInputException if the file is missing, unreadable, not a {@code .npy} file, of
     *         another dtype or rank, shorter than its header says, or has rows too long to map
     */
    public static MappedNpyFile open(Path file) {
        return open(file, MAX_MAPPING_BYTES);
    }

    /**
     * @param file the file
     * @param maxMappingBytes bytes per mapping at most, e.g. a few rows' worth to test the seams
     * @return the mapped rows
     */
    static MappedNpyFile open(Path file, long maxMappingBytes) {
        String source = file.toString();
        if (!source.toLowerCase(Locale.ROOT).endsWith(".npy")) {
            throw new InvalidInputException(source + ": unknown file type; only .npy files can be memory-mapped");
        }
        if (Files.isDirectory(file)) {
            throw new InvalidInputException(source + ": is a directory");
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            InputStream in = Channels.newInputStream(channel);
            NpyFormat.MatrixLayout layout = NpyFormat.readMatrixLayout(in, source);
            long rowBytes = (long) layout.columns() * layout.elementBytes();
            if (rowBytes > maxMappingBytes) {
                throw new InvalidInputException(source + ": a row of " + rowBytes + " bytes is longer than the "
                        + maxMappingBytes + " bytes that one mapping may hold");
            }
            long found = channel.size() - layout.dataOffset();
            if (found < layout.dataBytes()) {
                throw new InvalidInputException(source + ": truncated data: shape " + layout.shapeText() + " of '"
                        + layout.descr() + "' needs " + layout.dataBytes() + " bytes, found " + found);
            }
            int rowsPerMapping = (int) Math.min(layout.rows(), maxMappingBytes / rowBytes);
            int mappings = (int) ((layout.rows() + (long) rowsPerMapping - 1) / rowsPerMapping);
            FloatBuffer[] floats = new FloatBuffer[layout.float64() ? 0 : mappings];
            DoubleBuffer[] doubles = new DoubleBuffer[layout.float64() ? mappings : 0];
            for (int i = 0; i < mappings; i++) {
                long firstRow = (long) i * rowsPerMapping;
                long rowCount = Math.min(rowsPerMapping, layout.rows() - firstRow);
                var buffer = channel.map(FileChannel.MapMode.READ_ONLY, layout.dataOffset() + firstRow * rowBytes,
                        rowCount * rowBytes).order(ByteOrder.LITTLE_ENDIAN);
                if (layout.float64()) {
                    doubles[i] = buffer.asDoubleBuffer();
                } else {
                    floats[i] = buffer.asFloatBuffer();
                }
            }
            return new MappedNpyFile(source, layout, rowsPerMapping, floats, doubles);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(source + ": no such file", e);
        } catch (IOException e) {
            throw new InvalidInputException(source + ": cannot read: " + AtomicFile.reason(e), e);
        }
    }

    /**
     * Maps a {@code .npy} file when it is too large to read into memory comfortably: when its values,
     * in the file's precision, would take more than {@value #HEAP_SHARE} of the maximum heap
     * ({@code Runtime.maxMemory()}, set by {@code -Xmx}). Smaller files, and {@code .csv} files, are
     * better read whole ({@link SampleFiles#readSamples(Path)}): every check can use them, and the
     * answers are the same either way.
     *
     * @param file a training file
     * @return the mapped file, or empty when it should be read into memory (then
     *         {@link SampleFiles#readSamples(Path)} reports any problem with the data, such as a
     *         truncated file)
     * @throws InvalidInputException for a {@code .npy} file that is missing or unreadable, or whose
     *         header {@link SampleFiles#readSamples(Path)} would reject with the same message; as
     *         {@link #open(Path)} for a large one
     */
    public static Optional<MappedNpyFile> openIfLarge(Path file) {
        if (!file.toString().toLowerCase(Locale.ROOT).endsWith(".npy") || Files.isDirectory(file)) {
            return Optional.empty();
        }
        String source = file.toString();
        NpyFormat.MatrixLayout layout;
        try (InputStream in = Files.newInputStream(file)) {
            layout = NpyFormat.readMatrixLayout(in, source);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(source + ": no such file", e);
        } catch (IOException e) {
            throw new InvalidInputException(source + ": cannot read: " + AtomicFile.reason(e), e);
        }
        long bytes = (long) layout.rows() * layout.columns() * layout.elementBytes();
        return bytes > HEAP_SHARE * Runtime.getRuntime().maxMemory() ? Optional.of(open(file)) : Optional.empty();
    }

    /** @return the path as given, used in messages */
    public String source() {
        return source;
    }

    /** @return the number of rows */
    public int rows() {
        return rows;
    }

    /** @return the values per row */
    public int columns() {
        return columns;
    }

    /** @return the precision of the file's values */
    public Precision precision() {
        return float64 ? Precision.FLOAT64 : Precision.FLOAT32;
    }

    /**
     * Copies rows {@code [from, to)} row-major into {@code dst} from index 0, as float32 (float64
     * values rounded to the nearest float32, infinite beyond its range), checking every value.
     *
     * @param from the first row
     * @param to one past the last row
     * @param dst the destination, with room for {@code (to − from) * columns()} values
     * @throws InvalidInputException at the first value (in row-major order) that is not finite,
     *         naming the file, row and column
     */
    public void copyRows(int from, int to, float[] dst) {
        copyRows(from, to, dst, 0);
    }

    /**
     * As {@link #copyRows(int, int, float[])}, into {@code dst} from index {@code at}.
     *
     * @param from the first row
     * @param to one past the last row
     * @param dst the destination, with room for {@code (to − from) * columns()} values from {@code at}
     * @param at the first index written
     * @throws InvalidInputException as {@link #copyRows(int, int, float[])}
     */
    public void copyRows(int from, int to, float[] dst, int at) {
        Objects.checkFromToIndex(from, to, rows);
        double[] wide = float64 ? new double[columns] : null;
        for (int r = from; r < to; r++, at += columns) {
            int mapping = r / rowsPerMapping;
            int offset = (r % rowsPerMapping) * columns;
            if (float64) {
                doubles[mapping].get(offset, wide, 0, columns);
                for (int c = 0; c < columns; c++) {
                    if (!Double.isFinite(wide[c])) {
                        throw NpyFormat.notFinite(source, wide[c], r, c);
                    }
                    dst[at + c] = (float) wide[c];
                }
            } else {
                floats[mapping].get(offset, dst, at, columns);
                checkFinite(dst, at, r);
            }
        }
    }

    /**
     * Copies rows {@code [from, to)} row-major into {@code dst} from index {@code at}, exactly,
     * checking every value.
     *
     * @param from the first row
     * @param to one past the last row
     * @param dst the destination, with room for {@code (to − from) * columns()} values from {@code at}
     * @param at the first index written
     * @throws InvalidInputException as {@link #copyRows(int, int, float[])}
     */
    public void copyRows(int from, int to, double[] dst, int at) {
        Objects.checkFromToIndex(from, to, rows);
        float[] narrow = float64 ? null : new float[columns];
        for (int r = from; r < to; r++, at += columns) {
            int mapping = r / rowsPerMapping;
            int offset = (r % rowsPerMapping) * columns;
            if (float64) {
                doubles[mapping].get(offset, dst, at, columns);
                for (int c = 0; c < columns; c++) {
                    if (!Double.isFinite(dst[at + c])) {
                        throw NpyFormat.notFinite(source, dst[at + c], r, c);
                    }
                }
            } else {
                floats[mapping].get(offset, narrow, 0, columns);
                checkFinite(narrow, 0, r);
                for (int c = 0; c < columns; c++) {
                    dst[at + c] = narrow[c];
                }
            }
        }
    }

    private void checkFinite(float[] values, int at, int row) {
        for (int c = 0; c < columns; c++) {
            if (!Float.isFinite(values[at + c])) {
                throw NpyFormat.notFinite(source, values[at + c], row, c);
            }
        }
    }

    /**
     * @param row the row index
     * @return the row's values, exactly (a new array), checked as by {@link #copyRows(int, int, float[])}
     */
    public double[] row(int row) {
        double[] out = new double[columns];
        copyRows(row, Objects.checkIndex(row, rows) + 1, out, 0);
        return out;
    }

    @Override
    public String toString() {
        return "MappedNpyFile[" + source + ", " + rows + " x " + columns + (float64 ? ", float64]" : ", float32]");
    }
}
