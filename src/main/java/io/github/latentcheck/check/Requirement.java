package io.github.latentcheck.check;

/** What a check needs from a run; the runner refuses a spec that cannot provide it, before running. */
public enum Requirement {
    /** The training data ({@code data.training}). */
    TRAINING,
    /** The held-out data ({@code data.holdout}). */
    HOLDOUT
}
