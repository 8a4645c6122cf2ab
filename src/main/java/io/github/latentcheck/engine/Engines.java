package io.github.latentcheck.engine;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.spec.Options;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Locale;

/**
 * The engines by name: {@code local} (the default) and {@code spark}. In a spec:
 * <pre>{@code
 * engine: {type: spark, master: "local[2]", partition_rows: 1048576}
 * }</pre>
 * where {@code master} is left out under {@code spark-submit} (which sets it) and
 * {@code partition_rows} (default {@value #PARTITION_ROWS}) is the most training rows one Spark
 * task searches.
 */
public final class Engines {
    /** Training rows per Spark task at most, by default: 2<sup>20</sup> (512 MB at 128 float32 columns). */
    public static final int PARTITION_ROWS = 1 << 20;

    private static final String SPARK_SESSION = "org.apache.spark.sql.SparkSession";

    private Engines() {
    }

    /** @return the engine on this machine */
    public static Engine local() {
        return Engine.local();
    }

    /**
     * @param master a Spark master URL such as {@code local[2]}, or null for the one {@code spark-submit}
     *     sets
     * @param partitionRows training rows per Spark task at most, at least 1
     * @return the Spark engine
     * @throws InvalidInputException if Spark is not on the class path or partitionRows is below 1
     */
    public static Engine spark(String master, int partitionRows) {
        return spark(master, partitionRows, Engines.class.getClassLoader());
    }

    /**
     * @param loader where Spark and this class are looked for (a loader without Spark to test the message)
     * @return as {@link #spark(String, int)}
     */
    static Engine spark(String master, int partitionRows, ClassLoader loader) {
        if (partitionRows < 1) {
            throw new InvalidInputException("partition_rows is not at least 1: " + partitionRows);
        }
        try {
            Class.forName(SPARK_SESSION, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new InvalidInputException("engine spark needs Apache Spark 4 (Scala 2.13) on the class path: run "
                    + "latentcheck through spark-submit (see docs/spark.md)", e);
        }
        try {
            Method create = Class.forName(Engines.class.getPackageName() + ".SparkEngine", true, loader)
                    .getDeclaredMethod("create", String.class, int.class);
            return (Engine) create.invoke(null, master, partitionRows);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot load the Spark engine", e);
        }
    }

    /**
     * @param type {@code local} or {@code spark}
     * @param master the Spark master, or null (ignored by {@code local})
     * @param partitionRows training rows per Spark task (ignored by {@code local})
     * @return the engine
     * @throws InvalidInputException for another type, or as {@link #spark(String, int)}
     */
    public static Engine of(String type, String master, int partitionRows) {
        switch (type.toLowerCase(Locale.ROOT)) {
            case "local":
                return local();
            case "spark":
                return spark(master, partitionRows);
            default:
                throw new InvalidInputException("engine is not one of local, spark: '" + type + "'");
        }
    }

    /**
     * @param engine a spec's {@code engine} section: {@code type} (local | spark), {@code master},
     *     {@code partition_rows}
     * @return the engine
     * @throws InvalidInputException naming the key at fault
     */
    public static Engine of(Options engine) {
        String type = engine.string("type", "local");
        String master = engine.has("master") ? engine.requireString("master") : null;
        int partitionRows = engine.integer("partition_rows", PARTITION_ROWS, 1);
        engine.rejectUnknownKeys();
        try {
            return of(type, master, partitionRows);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(engine.where(engine.has("type") ? "type" : "partition_rows") + ": "
                    + e.getMessage(), e);
        }
    }
}
