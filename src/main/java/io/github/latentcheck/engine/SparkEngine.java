package io.github.latentcheck.engine;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.data.MappedNpyFile;
import io.github.latentcheck.data.ParquetFile;
import io.github.latentcheck.data.Precision;
import io.github.latentcheck.data.Samples;
import io.github.latentcheck.knn.NearestNeighborSearch;
import io.github.latentcheck.knn.Neighbors;
import io.github.latentcheck.knn.ParquetRows;
import io.github.latentcheck.knn.ReferenceRows;
import io.github.latentcheck.knn.ShardedRows;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkException;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The {@code spark} engine: the audit's passes over the training rows as Apache Spark jobs. The
 * training rows are {@code .npy} shards ({@link ShardedRows}) cut into slices of at most
 * {@code partitionRows} rows, or Parquet files ({@link ParquetRows}) cut into their row groups, one
 * Spark task per slice; each task maps its shard or decodes its row group with parquet-java, Spark's
 * own Parquet library (the path must be readable where the task runs: a shared or copied file
 * system), and runs the project's own
 * {@link NearestNeighborSearch} on it with the task's cores (the Vector API kernel where the
 * executor JVM has {@code jdk.incubator.vector}, the plain-Java one otherwise; same answers). The
 * queries are broadcast. A task's exact top-k lists, shifted to the slice's first row, are merged by
 * {@link Neighbors#merge} (ties to the lowest (shard, row)) in a {@code treeReduce}; only those lists
 * travel. The
 * membership pass ranks each training row's nearest-sample distance against the broadcast, sorted
 * held-out distances and returns one exact count per slice, summed ({@link MembershipRanks}); the
 * audit runs it in the same tasks as the samples' search ({@link #nearestAndMembership}), one read of
 * the training rows for both. The range pass returns one pair per slice.
 *
 * <p>The session is Spark's active one ({@code SparkSession.builder().getOrCreate()}): under
 * {@code spark-submit} the one it configured; otherwise one created with the given master, UI off.
 * It is left running for the next pass and for the rest of the JVM.
 *
 * <p>Loaded by name ({@link Engines#spark}) only when Spark is on the class path.
 */
final class SparkEngine implements Engine {
    /**
     * Levels of {@code treeReduce} for the top-k lists: with P tasks, about √P partial merges run on
     * the executors and the driver receives about √P lists rather than P.
     */
    private static final int MERGE_DEPTH = 2;
    private final String master;
    private final int partitionRows;

    private SparkEngine(String master, int partitionRows) {
        this.master = master;
        this.partitionRows = partitionRows;
    }

    /**
     * @param master a Spark master URL, or null for the one {@code spark-submit} sets
     * @param partitionRows training rows per task at most
     * @return the engine (the session starts with the first pass)
     */
    static Engine create(String master, int partitionRows) {
        return new SparkEngine(master, partitionRows);
    }

    @Override
    public String name() {
        return "spark";
    }

    @Override
    public List<Neighbors> nearest(List<Queries> queries, ReferenceRows training, int threads, LongConsumer progress) {
        QuerySets sets = QuerySets.of(queries, training);
        List<Slice> slices = slices(training);
        JavaSparkContext spark = context();
        Broadcast<List<Rows>> shared = spark.broadcast(sets.rows());
        int[] ks = sets.ks();
        try {
            return run(spark, slices, "nearest training rows of " + sets.queryRows() + " rows", progress,
                    sets.queryRows(), rdd -> rdd.map(slice -> searchSlice(slice, shared.value(), ks, null))
                            .treeReduce((a, b) -> merge(a, b, ks), MERGE_DEPTH));
        } finally {
            shared.destroy();
        }
    }

    /**
     * One job: each task searches its slice for every set, the first with
     * {@link NearestNeighborSearch#searchBothWays}, and counts its rows' membership scores from the
     * nearest-sample distances that scan leaves (12 bytes per row of the slice); the lists are merged and
     * the counts summed as in the two passes, so the answers are theirs, with one read of the training rows
     * instead of two.
     */
    @Override
    public NearestAndMembership nearestAndMembership(List<Queries> queries, ReferenceRows training,
            double[] holdoutDistances, int threads, LongConsumer progress) {
        QuerySets sets = QuerySets.of(queries, training);
        List<Slice> slices = slices(training);
        JavaSparkContext spark = context();
        Broadcast<List<Rows>> shared = spark.broadcast(sets.rows());
        Broadcast<MembershipRanks> ranks = spark.broadcast(MembershipRanks.of(holdoutDistances));
        int[] ks = sets.ks();
        try {
            SliceAnswer answer = run(spark, slices, "nearest training rows of " + sets.queryRows()
                    + " rows and nearest generated samples of " + training.rows() + " training rows", progress,
                    sets.queryRows() + training.rows(), rdd -> rdd.map(slice -> {
                        double[] nearestSample = new double[slice.count()];
                        List<Neighbors> found = searchSlice(slice, shared.value(), ks, nearestSample);
                        long count = 0;
                        for (double d : nearestSample) {
                            count += ranks.value().score(d);
                        }
                        return new SliceAnswer(found, count);
                    }).treeReduce((a, b) -> new SliceAnswer(merge(a.nearest(), b.nearest(), ks),
                            a.count() + b.count()), MERGE_DEPTH));
            return new NearestAndMembership(answer.nearest(), answer.count());
        } finally {
            shared.destroy();
            ranks.destroy();
        }
    }

    /** The query sets as they travel to the tasks, their k and their rows in all. */
    private record QuerySets(List<Rows> rows, int[] ks, long queryRows) {
        static QuerySets of(List<Queries> queries, ReferenceRows training) {
            List<Rows> rows = new ArrayList<>();
            int[] ks = new int[queries.size()];
            long queryRows = 0;
            for (int i = 0; i < ks.length; i++) {
                LocalEngine.checkShapes(queries.get(i), training);
                ks[i] = queries.get(i).k();
                rows.add(Rows.of(queries.get(i).rows()));
                queryRows += queries.get(i).rows().rows();
            }
            return new QuerySets(List.copyOf(rows), ks, queryRows);
        }
    }

    /**
     * A task's search: its slice's neighbour lists for every set, shifted to the whole set's indices.
     *
     * @param nearestSample when not null, filled with each row's distance to its nearest row of the first
     *     set (the generated samples), one per row of the slice
     */
    private static List<Neighbors> searchSlice(Slice slice, List<Rows> sets, int[] ks, double[] nearestSample) {
        ReferenceRows part = slice.open();
        NearestNeighborSearch search = NearestNeighborSearch.withDefaults().withThreads(taskThreads());
        List<Neighbors> found = new ArrayList<>();
        for (int i = 0; i < ks.length; i++) {
            NearestNeighborSearch withK = search.withK(Math.min(ks[i], part.rows()));
            Samples rows = sets.get(i).samples();
            Neighbors nearest = i == 0 && nearestSample != null ? withK.searchBothWays(rows, part, nearestSample)
                    : withK.search(rows, part);
            found.add(nearest.shifted(slice.start()));
        }
        return found;
    }

    private static List<Neighbors> merge(List<Neighbors> a, List<Neighbors> b, int[] ks) {
        List<Neighbors> merged = new ArrayList<>();
        for (int i = 0; i < ks.length; i++) {
            merged.add(Neighbors.merge(a.get(i), b.get(i), ks[i]));
        }
        return merged;
    }

    /** What a task of {@link #nearestAndMembership} returns: its slice's neighbour lists and its count. */
    record SliceAnswer(List<Neighbors> nearest, long count) implements Serializable {
    }

    @Override
    public long membershipCount(ReferenceRows training, Samples samples, double[] holdoutDistances, int threads,
            LongConsumer progress) {
        LocalEngine.checkShapes(new Queries(samples, 1), training);
        List<Slice> slices = slices(training);
        JavaSparkContext spark = context();
        Broadcast<Rows> shared = spark.broadcast(Rows.of(samples));
        Broadcast<MembershipRanks> ranks = spark.broadcast(MembershipRanks.of(holdoutDistances));
        try {
            return run(spark, slices, "nearest generated samples of " + training.rows() + " training rows", progress,
                    training.rows(), rdd -> rdd.map(slice -> LocalEngine.membershipCount(slice.open(),
                            shared.value().samples(), ranks.value(), taskThreads(),
                            LocalEngine.MEMBERSHIP_BLOCK_ROWS, rows -> { }))
                            .reduce(Long::sum));
        } finally {
            shared.destroy();
            ranks.destroy();
        }
    }

    @Override
    public float[] range(ReferenceRows training) {
        List<Slice> slices = slices(training);
        if (slices.isEmpty()) {
            return new float[] {Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};
        }
        return run(context(), slices, "range of the training values", rows -> { }, training.rows(),
                rdd -> rdd.map(slice -> LocalEngine.range(slice.open(), 1 << 20))
                        .reduce((a, b) -> new float[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])}));
    }

    /** A job over the slices, its progress told per finished task, a task's bad input rethrown as such. */
    private static <T> T run(JavaSparkContext spark, List<Slice> slices, String description, LongConsumer progress,
            long total, Job<T> job) {
        String group = "latentcheck-" + JOBS.incrementAndGet();
        long rows = slices.stream().mapToLong(Slice::count).sum();
        Progress listener = Progress.of(spark);
        listener.follow(group, slices, rows, total, progress);
        spark.setJobGroup(group, description, false);
        try {
            T result = job.run(spark.parallelize(slices, slices.size()));
            progress.accept(total);
            return result;
        } catch (SparkException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof InvalidInputException bad) {
                    throw new InvalidInputException(bad.getMessage(), e);
                }
            }
            throw new IllegalStateException("Spark job '" + description + "' failed: " + e.getMessage(), e);
        } finally {
            spark.clearJobGroup();
            listener.follow(null, List.of(), 1, 0, rowsDone -> { });
        }
    }

    private static final AtomicLong JOBS = new AtomicLong();

    @FunctionalInterface
    private interface Job<T> {
        T run(JavaRDD<Slice> rdd) throws SparkException;
    }

    private JavaSparkContext context() {
        SparkSession.Builder builder = SparkSession.builder().appName("latentcheck").config("spark.ui.enabled", "false");
        if (master != null) {
            builder = builder.master(master);
        }
        return JavaSparkContext.fromSparkContext(builder.getOrCreate().sparkContext());
    }

    private static int taskThreads() {
        TaskContext task = TaskContext.get();
        return task == null ? 1 : Math.max(1, task.cpus());
    }

    /**
     * @return the training rows cut into slices in row order: of {@code .npy} shards, at most
     *     {@link #partitionRows} rows of one shard; of Parquet files, one row group (not cut further: a
     *     task decodes its group whole)
     */
    private List<Slice> slices(ReferenceRows training) {
        List<Slice> slices = new ArrayList<>();
        if (training instanceof ParquetRows parquet) {
            for (int f = 0; f < parquet.shards(); f++) {
                ParquetFile file = parquet.file(f);
                String path = Path.of(file.source()).toAbsolutePath().toString();
                for (int g = 0; g < file.groups(); g++) {
                    if (file.groupRows(g) > 0) {
                        slices.add(new ParquetSlice(path, file.column(), g, parquet.start(f) + file.groupStart(g),
                                file.groupRows(g)));
                    }
                }
            }
            return List.copyOf(slices);
        }
        if (!(training instanceof ShardedRows sharded)) {
            throw new InvalidInputException("engine spark reads the training rows from .npy files (one file, a folder "
                    + "of shards or a glob) or Parquet files that every executor can read, not from " + training);
        }
        for (int s = 0; s < sharded.shards(); s++) {
            MappedNpyFile shard = sharded.shard(s);
            String path = Path.of(shard.source()).toAbsolutePath().toString();
            for (int from = 0; from < shard.rows(); from += partitionRows) {
                int count = Math.min(partitionRows, shard.rows() - from);
                slices.add(new NpySlice(path, sharded.start(s) + from, from, count));
            }
        }
        return List.copyOf(slices);
    }

    /** What one task searches: training rows {@code [start, start + count)}, read where the task runs. */
    interface Slice extends Serializable {
        /** @return the index of the slice's first row in the whole training set */
        int start();

        /** @return the slice's rows */
        int count();

        /** @return the slice's rows, as rows {@code [0, count)} */
        ReferenceRows open();
    }

    /** Rows {@code [from, from + count)} of the {@code .npy} shard at {@code path}, mapped. */
    record NpySlice(String path, int start, int from, int count) implements Slice {
        @Override
        public ReferenceRows open() {
            return ReferenceRows.of(MappedNpyFile.open(Path.of(path))).slice(from, from + count);
        }
    }

    /** Row group {@code group} of the Parquet file at {@code path}, its column {@code column}, decoded. */
    record ParquetSlice(String path, String column, int group, int start, int count) implements Slice {
        @Override
        public ReferenceRows open() {
            return ReferenceRows.of(ParquetFile.open(Path.of(path), column).readGroup(group));
        }
    }

    /** Rows in memory as they travel to the tasks: their values in their precision. */
    record Rows(int rows, int columns, float[] floats, double[] doubles) implements Serializable {
        static Rows of(Samples samples) {
            return samples.precision() == Precision.FLOAT32
                    ? new Rows(samples.rows(), samples.columns(), samples.toFloatArray(), null)
                    : new Rows(samples.rows(), samples.columns(), null, samples.toArray());
        }

        Samples samples() {
            return floats != null ? Samples.ofOwned(rows, columns, floats.clone())
                    : Samples.ofOwned(rows, columns, doubles.clone());
        }
    }

    /**
     * Tells a pass's progress as its tasks finish: the units of work done, {@code total} times the
     * share of training rows searched so far. One listener per Spark context, following one job group
     * at a time (the passes run one after another).
     */
    private static final class Progress extends SparkListener {
        private static final ConcurrentHashMap<SparkContext, Progress> LISTENERS = new ConcurrentHashMap<>();

        private final Set<Integer> stages = ConcurrentHashMap.newKeySet();
        private final AtomicLong done = new AtomicLong();
        private volatile String group;
        private volatile List<Slice> slices = List.of();
        private volatile long rows = 1;
        private volatile long total;
        private volatile LongConsumer progress = rowsDone -> { };

        static Progress of(JavaSparkContext spark) {
            return LISTENERS.computeIfAbsent(spark.sc(), context -> {
                Progress listener = new Progress();
                context.addSparkListener(listener);
                return listener;
            });
        }

        void follow(String jobGroup, List<Slice> jobSlices, long jobRows, long units, LongConsumer told) {
            stages.clear();
            done.set(0);
            slices = jobSlices;
            rows = Math.max(1, jobRows);
            total = units;
            progress = Objects.requireNonNull(told);
            group = jobGroup;
        }

        @Override
        public void onJobStart(SparkListenerJobStart start) {
            String jobGroup = start.properties() == null ? null : start.properties().getProperty("spark.jobGroup.id");
            if (jobGroup != null && jobGroup.equals(group)) {
                // The job's first stage runs one task per slice; later ones (treeReduce's merges) are not counted.
                int first = Integer.MAX_VALUE;
                for (Object stage : CollectionConverters.asJava(start.stageIds())) {
                    first = Math.min(first, (Integer) stage);
                }
                stages.add(first);
            }
        }

        @Override
        public void onTaskEnd(SparkListenerTaskEnd end) {
            List<Slice> current = slices;
            int index = end.taskInfo().index();
            if (stages.contains(end.stageId()) && end.taskInfo().successful() && index < current.size()) {
                long rowsDone = done.addAndGet(current.get(index).count());
                progress.accept((long) ((double) total * rowsDone / rows));
            }
        }
    }
}
