package io.github.latentcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.latentcheck.run.ProgressListener;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TerminalProgressTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void lineShowsRowsShareRateAndTimeLeft() {
        // 2,500,000 of 10,000,000 rows in 50 s: 50,000 rows/s, 7,500,000 rows left = 150 s.
        assertThat(TerminalProgress.line("[samples] memorization", 2_500_000, 10_000_000, 50))
                .isEqualTo("[samples] memorization  2,500,000/10,000,000 rows (25%)  50,000 rows/s  ETA 2:30");
        assertThat(TerminalProgress.line("[p] knn", 1, 7201, 1)).endsWith("1 rows/s  ETA 2:00:00");
        assertThat(TerminalProgress.line("[p] knn", 0, 100, 0.5)).isEqualTo("[p] knn  0/100 rows (0%)  0 rows/s");
        assertThat(TerminalProgress.line("[p] knn", 100, 100, 4)).isEqualTo("[p] knn  100/100 rows (100%)  25 rows/s");
        assertThat(TerminalProgress.line("[p] generate", 5, 0, 1)).isEqualTo("[p] generate");
        assertThat(TerminalProgress.duration(59.2)).isEqualTo("1:00");
        assertThat(TerminalProgress.duration(3600)).isEqualTo("1:00:00");
    }

    @Test
    void aTerminalGetsOneRewrittenLineAfterTheFirstSecondAndAClearedLineAtTheEnd() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AtomicLong now = new AtomicLong();
        ProgressListener p = TerminalProgress.of(new PrintStream(bytes, true, StandardCharsets.UTF_8), true, now::get);
        p.stage("samples", "memorization: nearest training rows", 1000);
        p.progress(10);
        assertThat(bytes.size()).as("quiet during the first second").isZero();
        now.set(2 * SECOND);
        p.stage("samples", "memorization: nearest training rows", 1000);
        now.set(4 * SECOND);
        p.progress(400);
        now.set(4 * SECOND + 1000);
        p.progress(401);
        p.finished();
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(
                "\r[samples] memorization: nearest training rows  0/1,000 rows (0%)  0 rows/s\u001b[K"
                + "\r[samples] memorization: nearest training rows  400/1,000 rows (40%)  200 rows/s  ETA 0:03\u001b[K"
                + "\r\u001b[K");
    }

    @Test
    void aCommandThatScoresAFileLabelsItsProgressWithItsName() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AtomicLong now = new AtomicLong();
        ProgressListener shown = TerminalProgress.of(new PrintStream(bytes, true, StandardCharsets.UTF_8), true, now::get);
        ProgressListener audit = TerminalProgress.labelled("audit", shown);
        now.set(2 * SECOND);
        audit.forCheck("samples", "memorization").step("nearest training rows", 100);
        audit.finished();
        assertThat(bytes.toString(StandardCharsets.UTF_8)).startsWith("\r[audit] memorization: nearest training rows ")
                .doesNotContain("samples");
    }

    @Test
    void withoutATerminalNothingIsWritten() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AtomicLong now = new AtomicLong();
        ProgressListener p = TerminalProgress.of(new PrintStream(bytes, true, StandardCharsets.UTF_8), false, now::get);
        now.set(5 * SECOND);
        p.stage("samples", "memorization", 1000);
        now.set(9 * SECOND);
        p.progress(500);
        p.finished();
        assertThat(p).isSameAs(ProgressListener.NONE);
        assertThat(bytes.size()).isZero();
    }
}
