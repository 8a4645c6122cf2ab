package io.github.latentcheck.cli;

import io.github.latentcheck.run.ProgressListener;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Shows progress on standard error, on one rewritten line: the prior, the stage, the rows done and
 * the rate. Silent when the process has no terminal (CI logs stay clean) and during the first
 * second of a run (short runs stay quiet).
 */
final class TerminalProgress implements ProgressListener {
    private static final long QUIET_NANOS = 1_000_000_000L;
    private static final long REFRESH_NANOS = 200_000_000L;
    private final PrintStream err;
    private final long start = System.nanoTime();
    private long stageStart;
    private long lastPrint;
    private String label = "";
    private long total;
    private boolean printed;

    private TerminalProgress(PrintStream err) {
        this.err = err;
    }

    /** @return progress on standard error when there is a terminal, otherwise a silent listener */
    static ProgressListener forStandardError() {
        return System.console() != null ? new TerminalProgress(System.err) : ProgressListener.NONE;
    }

    @Override
    public void stage(String prior, String stage, long rows) {
        label = "[" + prior + "] " + stage;
        total = rows;
        stageStart = System.nanoTime();
        show(0, true);
    }

    @Override
    public void progress(long done) {
        show(done, false);
    }

    private void show(long done, boolean force) {
        long now = System.nanoTime();
        if (now - start < QUIET_NANOS || !force && now - lastPrint < REFRESH_NANOS) {
            return;
        }
        lastPrint = now;
        double seconds = Math.max(1e-9, (now - stageStart) / 1e9);
        String line = total > 0
                ? String.format(Locale.ROOT, "%s  %,d/%,d rows  %,.0f rows/s", label, done, total, done / seconds)
                : label;
        err.print("\r" + line + "\u001b[K");
        err.flush();
        printed = true;
    }

    @Override
    public void finished() {
        if (printed) {
            err.print("\r\u001b[K");
            err.flush();
        }
    }
}
