package io.github.latentcheck.internal.data;

import io.github.latentcheck.InvalidInputException;
import java.util.Locale;

/**
 * What fits in the Java heap ({@code Runtime.maxMemory()}, set by {@code -Xmx}), checked before an
 * allocation whose size is known up front (a {@code .npy} header's shape, {@code sample --samples --dim}),
 * and the message for an {@link OutOfMemoryError} that no such check foresaw.
 */
public final class HeapLimit {
    /** How to proceed, for every message. */
    static final String HOW_TO_PROCEED = "raise the heap limit with LATENTCHECK_JAVA_OPTS=-Xmx<size> (e.g. -Xmx8g; "
            + "java -Xmx8g -jar … without the launcher), or give large data as .npy rather than .csv "
            + "(a large .npy training file is memory-mapped)";

    private HeapLimit() {
    }

    /**
     * @param what what needs the memory, e.g. {@code "digits.npy: shape (100000, 64) as float32"}
     * @param bytes the bytes it needs
     * @throws InvalidInputException if {@code bytes} is more than the heap may ever hold
     */
    public static void requireRoom(String what, long bytes) {
        long max = Runtime.getRuntime().maxMemory();
        if (bytes > max) {
            throw new InvalidInputException(what + " needs " + size(bytes) + " of memory, more than the "
                    + size(max) + " the Java heap may grow to; " + HOW_TO_PROCEED);
        }
    }

    /**
     * @param what what ran out of memory, e.g. {@code "train.csv: reading it"}
     * @return the one-line message for an {@link OutOfMemoryError}: what, the heap's limit and how to proceed
     */
    public static String outOfMemory(String what) {
        return what + " ran out of memory: the data did not fit in the " + size(Runtime.getRuntime().maxMemory())
                + " the Java heap may grow to; " + HOW_TO_PROCEED;
    }

    /** @return bytes in KB, MB, GB or TB (powers of 1000), three significant digits */
    static String size(long bytes) {
        String[] units = {"bytes", "KB", "MB", "GB", "TB", "PB"};
        double value = bytes;
        int unit = 0;
        while (value >= 1000 && unit < units.length - 1) {
            value /= 1000;
            unit++;
        }
        return unit == 0 ? bytes + " bytes" : String.format(Locale.ROOT, "%.3g %s", value, units[unit]);
    }
}
