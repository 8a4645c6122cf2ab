package io.github.latentcheck.check;

import io.github.latentcheck.spec.Options;

/** Makes checks of one type from spec options; found through {@link java.util.ServiceLoader}. */
public interface CheckProvider {
    /** @return the type name used in specs, e.g. {@code "latent-ks"} */
    String type();

    /**
     * @param id the name gates will use for the check
     * @param options the check's options (read through the typed getters; unread keys are unknown)
     * @return the check
     */
    Check create(String id, Options options);
}
