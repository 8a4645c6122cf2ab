package io.github.latentcheck.generator;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.spec.Options;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * Makes generators of one type. Built-in and user generators are found the same way, through
 * {@link java.util.ServiceLoader}: list the implementing class in
 * {@code META-INF/services/io.github.latentcheck.generator.GeneratorProvider} of a jar on the class
 * path, and a spec can name its {@link #type()} as {@code generator: {type: …}}. From Java, a provider
 * made with {@link #of} and passed to {@code Experiment.load(spec, List.of(provider))} serves a run
 * without any service file.
 *
 * <p>Bad options: throw {@link IllegalArgumentException} (or latentcheck's {@link InvalidInputException})
 * whose message names the option, the rule and the value; latentcheck reports it at the
 * spec's generator entry ({@code spec.yaml:12: generator 'scale': factor is negative: -1}), and the
 * command line exits with status 2. Any other exception is taken for a bug in the provider (exit 3).
 */
public interface GeneratorProvider {
    /** @return the type name used in specs, e.g. {@code "ring"} */
    String type();

    /**
     * @param options the generator's options from the spec (read them through the typed getters;
     *     keys that are never read are reported as unknown)
     * @param context the run the generator serves: its prior and data
     * @return a new generator
     * @throws IllegalArgumentException for options the provider refuses (or {@code InvalidInputException})
     */
    Generator create(Options options, GeneratorContext context);

    /**
     * A provider made from a function, for generators built in Java (in a test, say):
     * {@code GeneratorProvider.of("scale", (options, context) -> new ScaleGenerator(options.number("factor", 1)))}.
     *
     * @param type the type name a spec uses
     * @param factory makes a new generator for each call of {@link #create}
     * @return the provider
     */
    static GeneratorProvider of(String type, BiFunction<Options, GeneratorContext, Generator> factory) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(factory, "factory");
        return new GeneratorProvider() {
            @Override
            public String type() {
                return type;
            }

            @Override
            public Generator create(Options options, GeneratorContext context) {
                return factory.apply(options, context);
            }
        };
    }
}
