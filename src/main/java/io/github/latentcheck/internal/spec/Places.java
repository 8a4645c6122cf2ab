package io.github.latentcheck.internal.spec;

import io.github.latentcheck.spec.Options;
import java.util.regex.Pattern;

/** Places in a spec that error messages start with ({@code "file.yaml:12: …"}). */
public final class Places {
    private static final Pattern LINE = Pattern.compile(":\\d+$");

    private Places() {
    }

    /**
     * @param options a spec section
     * @param message an error message
     * @return whether the message already starts with a place in the section's file, as the messages of
     *     the options' getters do, so that callers do not prefix a second place
     */
    public static boolean locates(Options options, String message) {
        String where = options.where();
        String source = LINE.matcher(where).find() ? where.substring(0, where.lastIndexOf(':')) : where;
        return message.startsWith(source + ":");
    }
}
