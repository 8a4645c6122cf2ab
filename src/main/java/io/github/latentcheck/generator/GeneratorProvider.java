package io.github.latentcheck.generator;

import io.github.latentcheck.spec.Options;

/**
 * Makes generators of one type. Built-in and user generators are found the same way, through
 * {@link java.util.ServiceLoader}: list the implementing class in
 * {@code META-INF/services/io.github.latentcheck.generator.GeneratorProvider} of a jar on the class
 * path, and a spec can name its {@link #type()} as {@code generator: {type: …}}.
 */
public interface GeneratorProvider {
    /** @return the type name used in specs, e.g. {@code "ring"} */
    String type();

    /**
     * @param options the generator's options from the spec (read them through the typed getters;
     *     keys that are never read are reported as unknown)
     * @param context the run the generator serves: its prior and data
     * @return a new generator
     */
    Generator create(Options options, GeneratorContext context);
}
