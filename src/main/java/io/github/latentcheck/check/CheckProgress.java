package io.github.latentcheck.check;

import java.util.function.LongConsumer;

/**
 * Hears how the long steps inside a check advance, such as a nearest-neighbour search over a big
 * training set. Library code never prints; the command line shows these on a terminal.
 */
@FunctionalInterface
public interface CheckProgress {
    /** Ignores every step. */
    CheckProgress NONE = (step, total) -> done -> { };

    /**
     * A step has started.
     *
     * @param step what is being done, e.g. {@code "nearest training rows"}
     * @param total the units of work in the step (rows)
     * @return told the units done so far; it may be called from worker threads, concurrently and
     *     out of order (the largest value is the true count)
     */
    LongConsumer step(String step, long total);
}
