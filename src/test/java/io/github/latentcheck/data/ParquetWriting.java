package io.github.latentcheck.data;

import io.github.latentcheck.engine.SharedSpark;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Writes Parquet test files with Apache Spark (the test JVM's shared session), since no Python here
 * has pyarrow: one file per call, in one task so that the rows keep their order, with the codec and
 * the row group size ({@code parquet.block.size}, in bytes) given, so that small files still have
 * several row groups.
 */
public final class ParquetWriting {
    private ParquetWriting() {
    }

    /**
     * @param file the file to write
     * @param column the column's name
     * @param rows the rows: an {@code array<float>} column for float32 rows, {@code array<double>} for float64
     * @param codec {@code snappy}, {@code zstd}, {@code gzip} or {@code uncompressed}
     * @param groupBytes the row group size in bytes
     */
    public static void write(Path file, String column, Samples rows, String codec, int groupBytes) {
        boolean floats = rows.precision() == Precision.FLOAT32;
        List<Row> out = new ArrayList<>();
        for (int r = 0; r < rows.rows(); r++) {
            Object[] values = floats ? new Float[rows.columns()] : new Double[rows.columns()];
            for (int c = 0; c < rows.columns(); c++) {
                values[c] = floats ? (Object) (float) rows.value(r, c) : (Object) rows.value(r, c);
            }
            out.add(RowFactory.create(r, values));
        }
        StructType schema = new StructType().add("id", DataTypes.IntegerType)
                .add(column, DataTypes.createArrayType(floats ? DataTypes.FloatType : DataTypes.DoubleType, false));
        write(file, schema, out, codec, groupBytes);
    }

    /**
     * @param file the file to write
     * @param schema the rows' schema
     * @param rows the rows
     * @param codec the compression codec
     * @param groupBytes the row group size in bytes
     */
    public static void write(Path file, StructType schema, List<Row> rows, String codec, int groupBytes) {
        Path folder = file.resolveSibling(file.getFileName() + ".spark");
        SharedSpark.session().createDataFrame(rows, schema).coalesce(1).write().mode("overwrite")
                .option("compression", codec).option("parquet.block.size", groupBytes)
                .option("parquet.page.size", Math.max(1024, groupBytes / 4)).parquet(folder.toString());
        try (Stream<Path> written = Files.list(folder)) {
            Path part = written.filter(p -> p.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
            Files.move(part, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (Stream<Path> left = Files.walk(folder)) {
            for (Path p : left.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
