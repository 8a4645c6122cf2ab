package io.github.latentcheck.generator;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.data.Latents;
import io.github.latentcheck.data.SampleFiles;
import io.github.latentcheck.data.Samples;
import io.github.latentcheck.internal.text.SafeText;
import io.github.latentcheck.spec.Options;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A generator that runs in another process, in any language, speaking NumPy's {@code .npy} format
 * over its standard streams. The command is started once; for each batch latentcheck writes the
 * latents to the process's stdin as one 2-D {@code .npy} array (float32, or float64 when asked) and
 * reads one 2-D (or 1-D: one column) float32 or float64 {@code .npy} array with one row per latent
 * from its stdout. After the last batch it closes stdin; the process should then exit.
 *
 * <p>Each batch has {@code timeout} to be answered; the first has {@code startupTimeout} more,
 * because its answer also waits for the process to start (an interpreter, its imports, a model's
 * weights). A hung process is therefore found within {@code timeout} once it has answered, and a
 * slow start is not mistaken for a hang.
 *
 * <p>Failures are bad input, reported with the command, the batch, what went wrong and the last
 * lines the process wrote to stderr: the process could not start, exited or closed stdout before
 * answering, wrote something that is not a {@code .npy} array, answered with the wrong number of rows
 * or columns, wrote anything after a batch's one array (found before the next batch is sent, and
 * when it is closed), or did not answer in time. On every failure, and on {@link #close()}, the
 * process is killed if it is still running. Output on stderr alone is not a failure (libraries print
 * warnings there); a background thread keeps its last {@value #STDERR_LINES} lines for the
 * messages, with control characters shown as escapes ({@link SafeText#terminal}).
 */
final class ProcessGenerator implements Generator {
    /** The default number of latent rows per batch. */
    public static final int DEFAULT_BATCH = 4096;
    /** The default time a process has to answer one batch. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    /** The default time a process has to start, on top of the timeout of its first batch. */
    public static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofMinutes(5);
    /** The number of stderr lines kept for failure messages. */
    public static final int STDERR_LINES = 20;

    private static final int STDERR_LINE_CHARS = 400;
    private static final long EXIT_GRACE_MILLIS = 2_000;
    private static final int PIPE_BUFFER = 1 << 16;
    private static final String ONE_ARRAY = "each batch's reply must be exactly one .npy array with a row per latent";

    /** The float type latents are sent as. */
    public enum Dtype {
        /** Little-endian float32, {@code '<f4'}: what most models take. */
        FLOAT32,
        /** Little-endian float64, {@code '<f8'}: the latents as drawn. */
        FLOAT64
    }

    private final String name;
    private final Process process;
    private final OutputStream stdin;
    private final InputStream stdout;
    private final StderrTail stderr;
    private final ExecutorService io;
    private final int inputDimension;
    private final int batchSize;
    private final Duration timeout;
    private final Duration startupTimeout;
    private final Dtype dtype;
    private int outputDimension;
    private int batches;
    private boolean broken;
    private boolean closed;

    private ProcessGenerator(String name, Process process, int inputDimension, int batchSize, Duration timeout,
            Duration startupTimeout, Dtype dtype) {
        this.name = name;
        this.process = process;
        this.stdin = new BufferedOutputStream(process.getOutputStream(), PIPE_BUFFER);
        this.stdout = new BufferedInputStream(process.getInputStream(), PIPE_BUFFER);
        this.stderr = new StderrTail(process.getErrorStream(), name);
        this.io = Executors.newSingleThreadExecutor(r -> daemon(r, "latentcheck-process-io"));
        this.inputDimension = inputDimension;
        this.batchSize = batchSize;
        this.timeout = timeout;
        this.startupTimeout = startupTimeout;
        this.dtype = dtype;
    }

    /**
     * Starts the process.
     *
     * @param command the program and its arguments; the program is looked up on the PATH
     * @param workingDirectory the process's working directory
     * @param inputDimension the latent dimension the process is fed
     * @param batchSize the latent rows per batch, at least 1
     * @param timeout the time the process has to answer each batch
     * @param startupTimeout the time the process has to start: its first batch has this plus {@code timeout}
     * @param dtype the float type latents are sent as
     * @return the generator, with its process running
     * @throws InvalidInputException if the command is empty or cannot be started, or a time is not positive
     */
    public static ProcessGenerator start(List<String> command, Path workingDirectory, int inputDimension,
            int batchSize, Duration timeout, Duration startupTimeout, Dtype dtype) {
        String name = "generator process " + command;
        if (command.isEmpty()) {
            throw new InvalidInputException("generator process: command is empty");
        }
        if (batchSize < 1) {
            throw new InvalidInputException(name + ": batch is not at least 1: " + batchSize);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new InvalidInputException(name + ": timeout is not positive: " + timeout);
        }
        if (startupTimeout.isNegative() || startupTimeout.isZero()) {
            throw new InvalidInputException(name + ": startup timeout is not positive: " + startupTimeout);
        }
        Process process;
        try {
            process = new ProcessBuilder(command).directory(workingDirectory.toFile()).start();
        } catch (IOException e) {
            throw new InvalidInputException(name + ": cannot start in " + workingDirectory + ": "
                    + oneLine(e.getMessage()), e);
        }
        return new ProcessGenerator(name, process, inputDimension, batchSize, timeout, startupTimeout, dtype);
    }

    private static Thread daemon(Runnable r, String threadName) {
        Thread t = new Thread(r, threadName);
        t.setDaemon(true);
        return t;
    }

    @Override
    public int inputDimension() {
        return inputDimension;
    }

    /**
     * @return the values per output row, learnt from the process's first answer
     * @throws IllegalStateException before the first batch has been answered
     */
    @Override
    public int outputDimension() {
        if (outputDimension == 0) {
            throw new IllegalStateException(name + ": the output dimension is known after the first batch");
        }
        return outputDimension;
    }

    @Override
    public int batchSize() {
        return batchSize;
    }

    /** @return the process, for callers that want to watch it; {@link #close()} ends it */
    public ProcessHandle process() {
        return process.toHandle();
    }

    /**
     * Sends one batch and reads the answer.
     *
     * @throws InvalidInputException if the process fails in any of the ways listed above; the process
     *     is then killed, and later calls fail at once
     */
    @Override
    public Samples generate(Latents latents) {
        int n = latents.rows();
        if (broken) {
            throw new InvalidInputException(name + ": has already failed");
        }
        if (latents.dimension() != inputDimension) {
            throw new InvalidInputException(name + ": takes latents of dimension " + inputDimension + ", not "
                    + latents.dimension());
        }
        batches++;
        String what = "batch " + batches + " (" + n + " latents)";
        if (batches > 1) {
            int extra;
            try {
                extra = stdout.available();
            } catch (IOException e) {
                throw fail("cannot read its stdout (" + oneLine(e.getMessage()) + ")", e, true);
            }
            if (extra > 0) {
                throw fail("wrote " + extra + " more bytes after its answer to batch " + (batches - 1)
                        + ", before " + what + " was sent; " + ONE_ARRAY, null, false);
            }
        }
        Duration limit = batches == 1 ? timeout.plus(startupTimeout) : timeout;
        Future<Samples> answer = io.submit(() -> exchange(latents));
        Samples x;
        try {
            x = answer.get(limit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            String within = batches == 1 ? format(timeout) + " (timeout) + " + format(startupTimeout)
                    + " for its start-up (startup_timeout)" : format(timeout) + " (timeout)";
            throw fail("did not answer " + what + " within " + within, e, false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answer.cancel(true);
            throw fail("was interrupted while waiting for " + what, e, false);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            String reason = cause instanceof InvalidInputException ? cause.getMessage()
                    : oneLine(cause.getClass().getSimpleName() + ": " + cause.getMessage());
            throw fail("failed on " + what + " (" + reason + ")", cause, true);
        }
        if (x.rows() != n) {
            throw fail("answered " + what + " with " + x.rows() + " rows", null, false);
        }
        if (outputDimension == 0) {
            outputDimension = x.columns();
        } else if (x.columns() != outputDimension) {
            throw fail("answered " + what + " with " + x.columns() + " columns, after " + outputDimension
                    + " in earlier batches", null, false);
        }
        return x;
    }

    private Samples exchange(Latents latents) throws IOException {
        if (dtype == Dtype.FLOAT64) {
            SampleFiles.writeNpy(stdin, latents);
        } else {
            SampleFiles.writeNpy(stdin, latents.toSamples());
        }
        return SampleFiles.readNpy(stdout, "its stdout");
    }

    /**
     * Kills the process and builds the failure message.
     *
     * @param awaitExit whether to give the process a moment to exit on its own first, so that its
     *     exit status can be reported (it has usually just died when its pipes fail)
     */
    private InvalidInputException fail(String what, Throwable cause, boolean awaitExit) {
        broken = true;
        boolean exitedByItself = false;
        if (awaitExit) {
            exitedByItself = waitFor(EXIT_GRACE_MILLIS);
        }
        kill();
        StringBuilder message = new StringBuilder(name).append(": ");
        if (exitedByItself) {
            message.append("exited with status ").append(process.exitValue()).append(" and ");
        }
        message.append(what);
        if (!exitedByItself) {
            message.append("; the process was killed");
        }
        message.append(stderr.describe());
        return new InvalidInputException(message.toString(), cause);
    }

    private boolean waitFor(long millis) {
        try {
            return process.waitFor(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    /** Kills the process and its descendants, waits for it to end, and lets the stderr reader drain. */
    private void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        waitFor(EXIT_GRACE_MILLIS);
        io.shutdownNow();
        stderr.awaitEnd(EXIT_GRACE_MILLIS);
    }

    /**
     * Closes the process's stdin so that it can exit; kills it if it has not exited within the
     * timeout (at most two seconds). Its exit status is not examined.
     *
     * @throws InvalidInputException if the process wrote anything to stdout after its last answer
     *     (an extra array shifts every later batch, so the answers cannot be trusted); a process that
     *     writes extra arrays is caught here at the latest, whether or not an earlier batch found one
     */
    @Override
    public void close() {
        if (!broken && !closed) {
            int extra = 0;
            try {
                stdin.close();
                waitFor(Math.min(EXIT_GRACE_MILLIS, timeout.toMillis()));
                extra = stdout.available();
            } catch (IOException e) {
                // A broken pipe: the process has stopped reading, so there is no point in waiting for it.
                process.destroyForcibly();
            }
            if (extra > 0) {
                throw fail("wrote " + extra + " more bytes after its answer to batch " + batches + ", the last; "
                        + ONE_ARRAY, null, false);
            }
        }
        closed = true;
        kill();
    }

    private static String format(Duration d) {
        long millis = d.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s+", " ").strip();
    }

    /** Reads a process's stderr on a daemon thread and keeps its last lines. */
    private static final class StderrTail {
        private final Deque<String> lines = new ArrayDeque<>();
        private final Thread reader;
        private long total;

        StderrTail(InputStream stream, String name) {
            reader = daemon(() -> drain(stream), "latentcheck-stderr " + name);
            reader.start();
        }

        private void drain(InputStream stream) {
            var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE);
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, decoder))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    note(line);
                }
            } catch (IOException e) {
                note("(reading stderr failed: " + oneLine(e.getMessage()) + ")");
            }
        }

        private synchronized void note(String line) {
            total++;
            String kept = line.length() > STDERR_LINE_CHARS ? line.substring(0, STDERR_LINE_CHARS) + "…" : line;
            lines.addLast(SafeText.terminal(kept.strip()));
            if (lines.size() > STDERR_LINES) {
                lines.removeFirst();
            }
        }

        void awaitEnd(long millis) {
            try {
                reader.join(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** @return "; stderr (last n of m lines): a | b", or "; it wrote nothing to stderr" */
        synchronized String describe() {
            List<String> kept = new ArrayList<>(lines);
            kept.removeIf(String::isEmpty);
            if (kept.isEmpty()) {
                return "; it wrote nothing to stderr";
            }
            String head = total > kept.size() ? "; stderr (last " + kept.size() + " of " + total + " lines): "
                    : "; stderr: ";
            return head + String.join(" | ", kept);
        }
    }

    /**
     * Provides {@code type: process} with {@code command} (a list: program and arguments, run in the
     * spec's folder), {@code batch} (4096), {@code timeout} (60s), {@code startup_timeout} (5m) and
     * {@code dtype} ({@code float32} or {@code float64}).
     */
    public static final class Provider implements GeneratorProvider {
        @Override
        public String type() {
            return "process";
        }

        @Override
        public Generator create(Options options, GeneratorContext context) {
            List<String> command = options.strings("command");
            if (command.isEmpty()) {
                throw new InvalidInputException(options.where() + ": " + options.section()
                        + " is missing the key 'command' (a list such as [python3, gen.py])");
            }
            int batch = options.integer("batch", DEFAULT_BATCH, 1);
            Duration timeout = options.duration("timeout", DEFAULT_TIMEOUT);
            Duration startupTimeout = options.duration("startup_timeout", DEFAULT_STARTUP_TIMEOUT);
            String type = options.string("dtype", "float32").toLowerCase(Locale.ROOT);
            Dtype dtype = switch (type) {
                case "float32" -> Dtype.FLOAT32;
                case "float64" -> Dtype.FLOAT64;
                default -> throw new InvalidInputException(options.where("dtype") + ": " + options.section()
                        + ".dtype is not float32 or float64: '" + type + "'");
            };
            return start(command, options.baseDirectory(), context.prior().dimension(), batch, timeout, startupTimeout,
                    dtype);
        }
    }
}
