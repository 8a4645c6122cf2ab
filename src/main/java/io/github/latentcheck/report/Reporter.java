package io.github.latentcheck.report;

import io.github.latentcheck.internal.report.JsonResultsReporter;
import io.github.latentcheck.run.ExperimentResult;
import java.io.IOException;
import java.io.OutputStream;

/** Turns a finished run into one file of the report, written in UTF-8. */
public interface Reporter {
    /** @return the file's name in the report folder, e.g. {@code "results.json"} */
    String fileName();

    /**
     * @param result the finished run
     * @param out where the file's bytes go (not closed)
     * @throws IOException if writing fails
     */
    void write(ExperimentResult result, OutputStream out) throws IOException;

    /** @return the reporter of {@code results.json}, the machine-readable results (fixed field names) */
    static Reporter resultsJson() {
        return new JsonResultsReporter();
    }

    /** @return the reporter of {@code junit.xml}: one test suite per prior, one test case per gate */
    static Reporter junitXml() {
        return new JunitXmlReporter();
    }

    /** @return the reporter of {@code summary.md}, for pull-request comments and CI step summaries */
    static Reporter summaryMarkdown() {
        return new MarkdownSummaryReporter();
    }

    /** @return the reporter of {@code index.html}: self-contained, charts inline, no network */
    static Reporter html() {
        return new HtmlReporter();
    }
}
