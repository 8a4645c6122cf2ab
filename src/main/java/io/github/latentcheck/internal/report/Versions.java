package io.github.latentcheck.internal.report;

/** The version of latentcheck, from the jar's manifest. */
public final class Versions {
    private Versions() {
    }

    /** @return the implementation version, or {@code "development build"} when not run from the jar */
    public static String latentcheck() {
        String v = Versions.class.getPackage().getImplementationVersion();
        return v == null ? "development build" : v;
    }
}
