package io.github.latentcheck.run;

/**
 * Hears how a run advances. Library code never prints; the command line shows these events on a
 * terminal. Calls come from the thread that runs the experiment.
 */
public interface ProgressListener {
    /** A listener that ignores every event. */
    ProgressListener NONE = new ProgressListener() {
    };

    /**
     * A new stage has started.
     *
     * @param prior the label of the prior being run
     * @param stage what is being done, e.g. {@code "generate"} or a check's id
     * @param total the units of work in the stage (rows), or 0 when unknown
     */
    default void stage(String prior, String stage, long total) {
    }

    /**
     * @param done units of the current stage done so far
     */
    default void progress(long done) {
    }

    /** The run has ended; clear whatever was shown. */
    default void finished() {
    }
}
