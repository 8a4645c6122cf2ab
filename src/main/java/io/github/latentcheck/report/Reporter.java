package io.github.latentcheck.report;

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
}
