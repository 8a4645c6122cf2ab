package io.github.latentcheck.data;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.internal.data.AtomicFile;
import io.github.latentcheck.internal.data.HeapLimit;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * Reads and writes samples and latents as {@code .npy} or {@code .csv} files; the format is chosen by
 * the file name's extension, ignoring case.
 *
 * <ul>
 *   <li>{@code .npy}: NumPy format 1.0, 2.0 or 3.0; a little-endian float32 ({@code '<f4'}) or float64
 *       ({@code '<f8'}) array in C order, 1-D (read as one column) or 2-D. Columns are named
 *       {@code x0, x1, …}, and keep the file's precision ({@link Precision}). Written as format 1.0,
 *       2-D, in the samples' precision; latents as float64.</li>
 *   <li>{@code .csv}: one header row of column names, then one row of numbers per sample, separated
 *       by commas, {@code \n} or {@code \r\n} line endings, no index column; read as float64. Written
 *       with {@link Float#toString(float)} (float32 samples) or {@link Double#toString(double)}, which
 *       read back exactly.</li>
 * </ul>
 *
 * <p>Every value must be finite. Every problem is reported as an {@link InvalidInputException} with a
 * one-line message that starts with the path as given and names the rule and the value: in a
 * {@code .npy} file the row and column counting from 0, in a {@code .csv} file the line counting from 1
 * (the header is line 1) and the column name.
 *
 * <p>Writing goes to a temporary file in the target's folder, which is then moved into place (an
 * atomic move where the file system supports it), so a failure never leaves a half-written file.
 */
public final class SampleFiles {
    private static final String ACCEPTED = "expected a .npy or .csv file";
    private static final int BUFFER_BYTES = 1 << 16;

    private SampleFiles() {
    }

    private enum Format {
        NPY,
        CSV
    }

    /** Reads a file's content from its stream, which the caller opens and closes. */
    @FunctionalInterface
    private interface BinaryReading<T> {
        T read(InputStream in, String source) throws IOException;
    }

    /** Reads a file's content as UTF-8 text. */
    @FunctionalInterface
    private interface TextReading<T> {
        T read(BufferedReader reader, String source) throws IOException;
    }

    /** Writes a file's content to the temporary file's stream. */
    @FunctionalInterface
    private interface BinaryWriting {
        void write(OutputStream out) throws IOException;
    }

    /** Writes a file's content as UTF-8 text. */
    @FunctionalInterface
    private interface TextWriting {
        void write(Writer out, String source) throws IOException;
    }

    /**
     * Reads samples from a {@code .npy} file, in its precision (float32 or float64), or a {@code .csv}
     * file, as float64: the values are never rounded.
     *
     * @param file the file
     * @return the samples, with the CSV header's column names or {@code x0, x1, …} for {@code .npy}
     * @throws InvalidInputException if the file is missing, unreadable or malformed, or holds a value
     *         that is not finite
     */
    public static Samples readSamples(Path file) {
        return readSamplesSelecting(file, null);
    }

    /**
     * Reads the named columns of a {@code .npy} or {@code .csv} file as samples, in the order given.
     * In a {@code .npy} file the columns are named {@code x0, x1, …}. In a CSV file only the selected
     * columns are parsed, but every line must have as many cells as the header.
     *
     * @param file the file
     * @param columns the column names to keep, at least one, each at most once
     * @return the samples, with these column names
     * @throws InvalidInputException as {@link #readSamples(Path)}, or if a column name is unknown,
     *         repeated, or none is given
     */
    public static Samples readSamples(Path file, List<String> columns) {
        return readSamplesSelecting(file, List.copyOf(columns));
    }

    /**
     * Reads latents from a {@code .npy} (float32 widened exactly, or float64 kept as is) or
     * {@code .csv} file (parsed as double).
     *
     * @param file the file
     * @return the latents, one draw per row
     * @throws InvalidInputException if the file is missing, unreadable or malformed, or holds a value
     *         that is not finite
     */
    public static Latents readLatents(Path file) {
        return read(file, (in, source) -> {
            Latents latents = NpyFormat.readLatents(in, source);
            NpyFormat.requireEnd(in, source);
            return latents;
        }, CsvFormat::readLatents);
    }

    /**
     * Reads a 1-D little-endian int32 ({@code '<i4'}) or int64 ({@code '<i8'}) {@code .npy} array,
     * such as mixture component indices or class labels.
     *
     * @param file a {@code .npy} file
     * @return the values
     * @throws InvalidInputException if the file is missing, unreadable or malformed, is not a 1-D
     *         int32 / int64 array, is empty, or holds an int64 value outside the int range
     */
    public static int[] readIntegers(Path file) {
        String source = file.toString();
        if (!file.toString().toLowerCase(Locale.ROOT).endsWith(".npy")) {
            throw new InvalidInputException(source + ": unknown file type; integer arrays are read from .npy files only");
        }
        return open(file, (in, name) -> {
            int[] values = NpyFormat.readIntegers(in, name);
            NpyFormat.requireEnd(in, name);
            return values;
        });
    }

    /**
     * Writes samples as a {@code .npy} array in their precision or as a CSV file headed by the column
     * names.
     *
     * @param file the target, replaced if it exists
     * @param samples the samples
     * @throws InvalidInputException if the extension is unknown, the target is a directory, its folder
     *         does not exist, writing fails, or (CSV) a column name is empty, repeated, or holds a comma,
     *         quote or line break
     */
    public static void write(Path file, Samples samples) {
        Objects.requireNonNull(samples, "samples");
        writeAtomically(file, out -> NpyFormat.write(out, samples),
                (out, source) -> CsvFormat.write(out, source, samples));
    }

    /**
     * Writes latents as a float64 {@code .npy} array or as a CSV file with columns {@code z0, z1, …}.
     *
     * @param file the target, replaced if it exists
     * @param latents the latents
     * @throws InvalidInputException if the extension is unknown, the target is a directory, its folder
     *         does not exist, or writing fails
     */
    public static void write(Path file, Latents latents) {
        Objects.requireNonNull(latents, "latents");
        writeAtomically(file, out -> NpyFormat.write(out, latents),
                (out, source) -> CsvFormat.write(out, latents));
    }

    /**
     * Reads exactly one {@code .npy} array from a stream, as samples: the stream is left open and
     * positioned just after the array's last byte, so further arrays can follow.
     *
     * @param in the stream
     * @param sourceName what to call the stream in messages, such as {@code "generator stdout"}
     * @return the samples, with columns named {@code x0, x1, …}
     * @throws InvalidInputException if the array is malformed, truncated, of an unsupported dtype or
     *         shape, or holds a value that is not finite
     * @throws IOException if reading the stream fails
     */
    public static Samples readNpy(InputStream in, String sourceName) throws IOException {
        return NpyFormat.readSamples(in, sourceName);
    }

    /**
     * Writes samples to a stream as one {@code .npy} array in their precision (format 1.0, 2-D) and flushes it;
     * the stream is left open.
     *
     * @param out the stream
     * @param samples the samples
     * @throws IOException if writing fails
     */
    public static void writeNpy(OutputStream out, Samples samples) throws IOException {
        NpyFormat.write(out, samples);
    }

    /**
     * Writes a float32 {@code .npy} array (format 1.0, 2-D) whose rows arrive in blocks, so that the whole array is
     * never in memory at once, and flushes it; the stream is left open. The bytes are those
     * {@link #writeNpy(OutputStream, Samples)} writes for the same float32 rows.
     *
     * @param out the stream
     * @param rows the array's rows
     * @param columns its columns
     * @param blockRows rows per block, at least 1
     * @param blocks given the first row of a block, its rows: {@code min(blockRows, rows − first)} of them
     * @throws IOException if writing fails
     */
    public static void writeNpy(OutputStream out, int rows, int columns, int blockRows, IntFunction<Samples> blocks)
            throws IOException {
        if (blockRows < 1) {
            throw new IllegalArgumentException("blockRows is not at least 1: " + blockRows);
        }
        NpyFormat.writeFloat32(out, rows, columns, blockRows, blocks);
    }

    /**
     * Writes latents to a stream as one float64 {@code .npy} array (format 1.0, 2-D) and flushes it;
     * the stream is left open.
     *
     * @param out the stream
     * @param latents the latents
     * @throws IOException if writing fails
     */
    public static void writeNpy(OutputStream out, Latents latents) throws IOException {
        NpyFormat.write(out, latents);
    }

    /**
     * The indices of the wanted columns among the available ones.
     *
     * @throws InvalidInputException if none is wanted, one is unknown or one is wanted twice
     */
    static int[] columnIndices(String source, List<String> available, List<String> wanted) {
        if (wanted.isEmpty()) {
            throw new InvalidInputException(source + ": no columns selected; the columns are " + available);
        }
        Set<String> seen = new HashSet<>();
        int[] indices = new int[wanted.size()];
        for (int i = 0; i < indices.length; i++) {
            String name = wanted.get(i);
            if (!seen.add(name)) {
                throw new InvalidInputException(source + ": column '" + name + "' is selected twice");
            }
            indices[i] = available.indexOf(name);
            if (indices[i] < 0) {
                throw new InvalidInputException(source + ": no column named '" + name + "'; the columns are "
                        + available);
            }
        }
        return indices;
    }

    private static Samples readSamplesSelecting(Path file, List<String> columns) {
        return read(file, (in, source) -> {
            Samples all = NpyFormat.readSamples(in, source);
            NpyFormat.requireEnd(in, source);
            return columns == null ? all : select(all, source, columns);
        }, (reader, source) -> CsvFormat.readSamples(reader, source, columns));
    }

    private static Samples select(Samples all, String source, List<String> columns) {
        int[] indices = columnIndices(source, all.columnNames(), columns);
        int rows = all.rows();
        Samples selected;
        if (all.precision() == Precision.FLOAT32) {
            float[] values = new float[rows * indices.length];
            for (int r = 0, i = 0; r < rows; r++) {
                for (int index : indices) {
                    values[i++] = (float) all.value(r, index);
                }
            }
            selected = Samples.ofOwned(rows, indices.length, values);
        } else {
            double[] values = new double[rows * indices.length];
            for (int r = 0, i = 0; r < rows; r++) {
                for (int index : indices) {
                    values[i++] = all.value(r, index);
                }
            }
            selected = Samples.ofOwned(rows, indices.length, values);
        }
        return selected.withColumnNames(columns);
    }

    private static <T> T read(Path file, BinaryReading<T> npy, TextReading<T> csv) {
        if (format(file) == Format.NPY) {
            return open(file, npy);
        }
        return open(file, (in, source) -> {
            BufferedReader reader = new BufferedReader(
                    new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()), BUFFER_BYTES);
            try {
                return csv.read(reader, source);
            } catch (CharacterCodingException e) {
                throw new InvalidInputException(source + ": is not UTF-8 text", e);
            }
        });
    }

    /** Opens a file for one read, mapping every I/O failure to a one-line message. */
    private static <T> T open(Path file, BinaryReading<T> body) {
        String source = file.toString();
        if (Files.isDirectory(file)) {
            throw new InvalidInputException(source + ": is a directory");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return body.read(in, source);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(source + ": no such file", e);
        } catch (IOException e) {
            throw new InvalidInputException(source + ": cannot read: " + AtomicFile.reason(e), e);
        } catch (OutOfMemoryError e) {
            throw new InvalidInputException(HeapLimit.outOfMemory(source + ": reading it"), e);
        }
    }

    private static void writeAtomically(Path file, BinaryWriting npy, TextWriting csv) {
        String source = file.toString();
        BinaryWriting body = format(file) == Format.NPY ? npy : out -> {
            Writer text = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), BUFFER_BYTES);
            csv.write(text, source);
        };
        AtomicFile.write(file, body::write);
    }

    private static Format format(Path file) {
        Path name = file.getFileName();
        String lower = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
        if (lower.endsWith(".npy")) {
            return Format.NPY;
        }
        if (lower.endsWith(".csv")) {
            return Format.CSV;
        }
        throw new InvalidInputException(file + ": unknown file type; " + ACCEPTED);
    }
}
