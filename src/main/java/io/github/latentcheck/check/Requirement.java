package io.github.latentcheck.check;

/** What a check needs from a run; the runner refuses a spec that cannot provide it, before running. */
public enum Requirement {
    /** The training data ({@code data.training}). */
    TRAINING,
    /** The held-out data ({@code data.holdout}). */
    HOLDOUT,
    /**
     * A prior with a distribution to test latents against ({@link io.github.latentcheck.prior.Prior#hasReference()}):
     * a file prior needs a declared {@code reference}.
     */
    PRIOR_REFERENCE
}
