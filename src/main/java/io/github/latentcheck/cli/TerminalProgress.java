package io.github.latentcheck.cli;

import io.github.latentcheck.internal.text.SafeText;
import io.github.latentcheck.run.ProgressListener;
import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Shows progress on standard error, on one rewritten line: the prior (for {@code audit} and
 * {@code coverage}, the command's name), the stage, the rows done of
 * the total with the share, the rate and the estimated time left (ETA = rows left / rate so far),
 * for example {@code [audit] memorization: nearest training rows  3,145,728/10,000,000 rows (31%)
 * 52,420 rows/s  ETA 2:11}. Silent when the process has no terminal (CI logs stay clean) and during
 * the first second of a run (short runs stay quiet).
 */
final class TerminalProgress implements ProgressListener {
    private static final long QUIET_NANOS = 1_000_000_000L;
    private static final long REFRESH_NANOS = 200_000_000L;
    private final PrintStream err;
    private final LongSupplier clock;
    private final long start;
    private long stageStart;
    private long lastPrint;
    private String label = "";
    private long total;
    private boolean printed;

    private TerminalProgress(PrintStream err, LongSupplier clock) {
        this.err = err;
        this.clock = clock;
        this.start = clock.getAsLong();
    }

    /** @return progress on standard error when there is a terminal, otherwise a silent listener */
    static ProgressListener forStandardError() {
        return of(System.err, System.console() != null, System::nanoTime);
    }

    /**
     * Progress of a command that scores a file ({@code audit}, {@code coverage}): every stage is
     * labelled with the command's name rather than the prior's, e.g. {@code [audit] memorization:
     * nearest training rows}.
     *
     * @param command the command's name
     * @return progress on standard error when there is a terminal, otherwise a silent listener
     */
    static ProgressListener forCommand(String command) {
        return labelled(command, forStandardError());
    }

    /**
     * @param label the label every stage is shown with
     * @param shown where the stages are shown
     * @return a listener that passes each event on to {@code shown}, with the label for the prior's
     */
    static ProgressListener labelled(String label, ProgressListener shown) {
        return new ProgressListener() {
            @Override
            public void stage(String prior, String stage, long total) {
                shown.stage(label, stage, total);
            }

            @Override
            public void progress(long done) {
                shown.progress(done);
            }

            @Override
            public void finished() {
                shown.finished();
            }
        };
    }

    /**
     * @param err where to draw the line
     * @param terminal whether {@code err} is a terminal; when not, the listener is silent
     * @param clock the time in nanoseconds, e.g. {@code System::nanoTime}
     * @return the listener
     */
    static ProgressListener of(PrintStream err, boolean terminal, LongSupplier clock) {
        return terminal ? new TerminalProgress(err, clock) : ProgressListener.NONE;
    }

    @Override
    public void stage(String prior, String stage, long rows) {
        label = SafeText.terminal("[" + prior + "] " + stage);
        total = rows;
        stageStart = clock.getAsLong();
        show(0, true);
    }

    @Override
    public void progress(long done) {
        show(done, false);
    }

    private void show(long done, boolean force) {
        long now = clock.getAsLong();
        if (now - start < QUIET_NANOS || !force && now - lastPrint < REFRESH_NANOS) {
            return;
        }
        lastPrint = now;
        err.print("\r" + line(label, done, total, (now - stageStart) / 1e9) + "\u001b[K");
        err.flush();
        printed = true;
    }

    /**
     * @param label the prior and stage
     * @param done rows done
     * @param total rows in the stage, or 0 when unknown (then only the label is shown)
     * @param seconds time since the stage started
     * @return the progress line, without control characters
     */
    static String line(String label, long done, long total, double seconds) {
        if (total <= 0) {
            return label;
        }
        double rate = done / Math.max(1e-9, seconds);
        String text = String.format(Locale.ROOT, "%s  %,d/%,d rows (%d%%)  %,.0f rows/s", label, done, total,
                done * 100 / total, rate);
        return done > 0 && done < total ? text + "  ETA " + duration((total - done) / rate) : text;
    }

    /** @return seconds as {@code m:ss}, or {@code h:mm:ss} from an hour on, rounded up */
    static String duration(double seconds) {
        long s = (long) Math.ceil(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    @Override
    public void finished() {
        if (printed) {
            err.print("\r\u001b[K");
            err.flush();
        }
    }
}
