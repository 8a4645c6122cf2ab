package io.github.latentcheck.check;

/**
 * The values a check reads as samples, training and holdout rows when the spec has a {@code features:} stage
 * (a check's {@code space} option; without the stage every check reads raw values).
 */
public enum Space {
    /** the embedding model's features of the generated samples, training and holdout rows */
    FEATURES,
    /** the generator's outputs and the data files' rows as they are */
    RAW
}
