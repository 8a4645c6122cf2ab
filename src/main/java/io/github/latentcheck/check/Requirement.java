package io.github.latentcheck.check;

/** What a check needs from a run; the runner refuses a spec that cannot provide it, before running. */
public enum Requirement {
    /** The training data ({@code data.training}). */
    TRAINING,
    /** The held-out data ({@code data.holdout}). */
    HOLDOUT,
    /**
     * The generator itself, to call with latents of the check's own: the runner gives the check a
     * fresh instance of the spec's generator and closes it afterwards. The generator must be a
     * function of its latents, so the {@code file} generator cannot serve.
     */
    GENERATOR
}
