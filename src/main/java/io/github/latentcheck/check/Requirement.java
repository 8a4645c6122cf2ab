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
    PRIOR_REFERENCE,
    /**
     * The generator itself, to call with latents of the check's own: the runner gives the check a
     * fresh instance of the spec's generator and closes it afterwards. The generator must be a
     * function of its latents, so the {@code file} generator cannot serve.
     */
    GENERATOR,
    /**
     * The spec's {@code encoder} (an {@link io.github.latentcheck.encoder.Encoder}): the runner opens
     * it for the check and closes it afterwards.
     */
    ENCODER
}
