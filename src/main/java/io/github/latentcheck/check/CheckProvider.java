package io.github.latentcheck.check;

import io.github.latentcheck.spec.Options;

/**
 * Makes checks of one type from spec options; found through {@link java.util.ServiceLoader}. Bad
 * options: throw {@link IllegalArgumentException} (or latentcheck's
 * {@link io.github.latentcheck.InvalidInputException}) naming the option, the rule and the
 * value; latentcheck reports it at the spec's check entry, and the command line exits with status 2.
 */
public interface CheckProvider {
    /** @return the type name used in specs, e.g. {@code "latent-ks"} */
    String type();

    /**
     * @param id the name gates will use for the check
     * @param options the check's options (read through the typed getters; unread keys are unknown)
     * @return the check
     * @throws IllegalArgumentException for options the provider refuses (or {@code InvalidInputException})
     */
    Check create(String id, Options options);
}
