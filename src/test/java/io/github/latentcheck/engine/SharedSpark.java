package io.github.latentcheck.engine;

import org.apache.spark.sql.SparkSession;

/**
 * The one Spark session of the test JVM: {@code local[2]}, UI off, bound to the loopback interface.
 * The Spark engine finds it through {@code SparkSession.builder().getOrCreate()}; it is never stopped,
 * so that every test class reuses it (a session costs seconds to start).
 */
public final class SharedSpark {
    private SharedSpark() {
    }

    /** @return the session, started on first use */
    public static synchronized SparkSession session() {
        return SparkSession.builder().master("local[2]").appName("latentcheck-tests")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "localhost")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "2")
                .getOrCreate();
    }
}
