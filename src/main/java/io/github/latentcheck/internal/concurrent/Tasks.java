package io.github.latentcheck.internal.concurrent;

import io.github.latentcheck.InvalidInputException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;
import org.apache.commons.rng.JumpableUniformRandomProvider;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Runs numbered tasks on a fixed number of threads. Work is split by task index, never by thread,
 * and each task writes only its own slots, so results do not depend on the thread count.
 */
public final class Tasks {
    /**
     * Worker threads, kept alive between calls (idle ones end after a minute): a search calls
     * {@link #run} twice per chunk of reference rows, and starting fresh threads each time cost it
     * measurably.
     */
    private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "latentcheck-worker");
        t.setDaemon(true);
        return t;
    });

    private Tasks() {
    }

    /** @return the number of threads to use when none is asked for: the available processors */
    public static int defaultThreads() {
        return Runtime.getRuntime().availableProcessors();
    }

    /**
     * Runs {@code task.accept(i)} for every i in [0, count) and waits for all of them. The first
     * failure stops the tasks not yet started and is rethrown once the running ones end. Each worker
     * counts itself finished in a {@code finally}, so the wait ends even when a worker's thread dies
     * while recording a failure (an out-of-memory error thrown again there left the
     * {@code Future}-based version of this method waiting forever).
     *
     * @param count the number of tasks
     * @param threads the number of threads, at least 1
     * @param task the task body
     * @throws InvalidInputException as thrown by a task; any other failure is rethrown unchecked
     */
    public static void run(int count, int threads, IntConsumer task) {
        if (threads < 1) {
            throw new InvalidInputException("threads is not at least 1: " + threads);
        }
        int workers = Math.min(threads, count);
        if (workers <= 1) {
            for (int i = 0; i < count; i++) {
                task.accept(i);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        AtomicInteger finishedTasks = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch finishedWorkers = new CountDownLatch(workers);
        Runnable worker = () -> {
            try {
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    task.accept(i);
                    finishedTasks.incrementAndGet();
                }
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
                next.set(count);
            } finally {
                finishedWorkers.countDown();
            }
        };
        for (int w = 0; w < workers; w++) {
            POOL.execute(worker);
        }
        try {
            finishedWorkers.await();
        } catch (InterruptedException e) {
            next.set(count);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for tasks", e);
        }
        Throwable cause = failure.get();
        if (cause instanceof RuntimeException re) {
            throw re;
        }
        if (cause instanceof Error err) {
            throw err;
        }
        if (cause != null) {
            throw new IllegalStateException(cause);
        }
        if (finishedTasks.get() < count) {
            throw new IllegalStateException("a worker thread ended before its task did, " + finishedTasks.get()
                    + " of " + count + " tasks finished (out of memory while handling a failure?)");
        }
    }

    /**
     * One random stream per task, so that what a task draws does not depend on the thread that runs it:
     * the {@code t}-th jump (2^128 draws ahead) of a XoShiRo256++ generator seeded with {@code seed}
     * (Blackman and Vigna 2021, doi:10.1145/3460772), so the streams never overlap.
     *
     * @param seed the seed
     * @param count the number of streams
     * @return {@code count} non-overlapping random streams derived from {@code seed}, indexed by task
     */
    public static List<UniformRandomProvider> streams(long seed, int count) {
        JumpableUniformRandomProvider root = (JumpableUniformRandomProvider) RandomSource.XO_SHI_RO_256_PP.create(seed);
        return root.jumps(count).collect(Collectors.toList());
    }
}
