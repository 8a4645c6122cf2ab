package io.github.latentcheck.data;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.internal.data.AtomicFile;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A training set given as Parquet: one {@code .parquet} file, a folder of them (every
 * {@code *.parquet} in it, as Spark writes them) or a glob in the file name, in the order of their
 * file names (sorted as strings). The rows are one column of fixed-length float or double arrays
 * ({@link ParquetFile}); every file must have the same length and element type. A row's identity is
 * (file, row in the file); its index in the whole set counts the rows of the files before it.
 *
 * <p>Parquet is read with parquet-java ({@code parquet-hadoop}), the library Apache Spark reads it
 * with. It needs Hadoop's client classes even for local files (about 50 MB of jars), so the
 * command-line jar does not bring it: Spark's jars do ({@code spark-submit}, on one machine with
 * {@code --master 'local[*]'}). Without them {@link #open} says so in one line.
 */
public final class ParquetFiles {
    /** The class that reads Parquet files, and one of the Hadoop classes it needs. */
    private static final List<String> READER_CLASSES = List.of("org.apache.parquet.hadoop.ParquetFileReader",
            "org.apache.hadoop.conf.Configuration");

    private ParquetFiles() {
    }

    /**
     * @param path a training file, folder or glob
     * @return whether it names Parquet: a file or glob whose name ends in {@code .parquet}, or a folder
     *     that holds {@code *.parquet} files and no {@code *.npy} files
     * @throws InvalidInputException if the folder cannot be listed
     */
    public static boolean isParquet(Path path) {
        Path name = path.getFileName();
        if (name != null && name.toString().toLowerCase(Locale.ROOT).endsWith(".parquet")) {
            return true;
        }
        if (!Files.isDirectory(path)) {
            return false;
        }
        boolean parquet = false;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(path)) {
            for (Path entry : entries) {
                String file = entry.getFileName().toString().toLowerCase(Locale.ROOT);
                if (file.endsWith(".npy")) {
                    return false;
                }
                parquet |= file.endsWith(".parquet");
            }
        } catch (IOException e) {
            throw new InvalidInputException(path + ": cannot list the folder: " + AtomicFile.reason(e), e);
        }
        return parquet;
    }

    /**
     * @param path one {@code .parquet} file, a folder or a glob
     * @return the files, sorted by file name
     * @throws InvalidInputException if the folder is missing or unreadable or nothing matches
     */
    public static List<Path> list(Path path) {
        return Files.isRegularFile(path) ? List.of(path) : ShardFiles.list(path, "parquet");
    }

    /**
     * Opens every file of {@link #list(Path)}: reads its footer, finds the column and checks that its
     * row groups hold a whole number of values per row. The values are read row group by row group
     * later ({@link ParquetFile#readGroup(int)}).
     *
     * @param path one {@code .parquet} file, a folder or a glob
     * @param column the column, or null for the only column of float or double arrays
     * @return the files, in order
     * @throws InvalidInputException if Parquet cannot be read here (no parquet-hadoop on the class
     *     path), as {@link #list(Path)} and {@link ParquetFile#open(Path, String)}, or if the files'
     *     lengths or element types differ (naming both files)
     */
    public static List<ParquetFile> open(Path path, String column) {
        requireReader(path, ParquetFiles.class.getClassLoader());
        List<ParquetFile> files = new ArrayList<>();
        for (Path file : list(path)) {
            files.add(ParquetFile.open(file, files.isEmpty() ? column : files.get(0).column()));
        }
        requireAlike(files);
        return List.copyOf(files);
    }

    /**
     * @param files opened Parquet files
     * @throws InvalidInputException if there are none, if a file's row length or element type differs
     *     from the first file's (naming both), or if they hold more than {@code Integer.MAX_VALUE − 8}
     *     rows together
     */
    public static void requireAlike(List<ParquetFile> files) {
        if (files.isEmpty()) {
            throw new InvalidInputException("a Parquet training set needs at least one file");
        }
        ParquetFile first = files.get(0);
        long rows = 0;
        for (ParquetFile file : files) {
            if (file.columns() != first.columns() || file.precision() != first.precision()) {
                throw new InvalidInputException(file.source() + ": column " + file.column() + " has " + file.columns()
                        + " values of " + file.precision() + " per row but the first file " + first.source() + " has "
                        + first.columns() + " values of " + first.precision());
            }
            rows += file.rows();
            if (rows > Integer.MAX_VALUE - 8) {
                throw new InvalidInputException(file.source() + ": the files up to this one hold " + rows
                        + " rows, more than the " + (Integer.MAX_VALUE - 8) + " a training set may have");
            }
        }
    }

    /**
     * @param path the training files, for the message
     * @param loader where the classes are looked for (a loader without them to test the message)
     * @throws InvalidInputException if parquet-hadoop or Hadoop's client is not on the class path
     */
    static void requireReader(Path path, ClassLoader loader) {
        for (String name : READER_CLASSES) {
            try {
                Class.forName(name, false, loader);
            } catch (ClassNotFoundException e) {
                throw new InvalidInputException(path + ": reading Parquet needs Apache Spark's jars (parquet-hadoop and "
                        + "Hadoop's client) on the class path: run latentcheck through spark-submit (--master "
                        + "'local[*]' on one machine, see docs/spark.md), or convert the files to .npy shards", e);
            }
        }
    }
}
