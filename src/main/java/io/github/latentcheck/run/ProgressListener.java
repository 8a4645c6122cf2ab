package io.github.latentcheck.run;

import io.github.latentcheck.check.CheckProgress;
import java.util.function.LongConsumer;

/**
 * Hears how a run advances. Library code never prints; the command line shows these events on a
 * terminal. Calls come one at a time: from the thread that runs the experiment, except that the
 * progress of a check's long step (a nearest-neighbour search) may come from a worker thread.
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

    /**
     * Shows each long step of a check as a stage of its own, labelled {@code "<check>: <step>"}.
     * Searches report from worker threads, possibly at once and out of order; this passes their
     * counts on one at a time and only when they grow.
     *
     * @param prior the label of the prior being run
     * @param check the check's id
     * @return the check's progress, shown here
     */
    default CheckProgress forCheck(String prior, String check) {
        ProgressListener listener = this;
        return (step, total) -> {
            stage(prior, check + ": " + step, total);
            return new LongConsumer() {
                private long most;

                @Override
                public void accept(long done) {
                    synchronized (listener) {
                        if (done > most) {
                            most = done;
                            listener.progress(done);
                        }
                    }
                }
            };
        };
    }
}
