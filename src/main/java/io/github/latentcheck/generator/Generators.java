package io.github.latentcheck.generator;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.internal.spec.Places;
import io.github.latentcheck.spec.Options;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** Finds generator providers through {@link ServiceLoader} and creates generators by type. */
public final class Generators {
    private Generators() {
    }

    /**
     * @return every provider visible to the current thread's context class loader (the class path,
     *     or a loader a host application set), by type name
     */
    public static Map<String, GeneratorProvider> providers() {
        return providers(Thread.currentThread().getContextClassLoader());
    }

    /**
     * @param loader the class loader to search, such as a {@link java.net.URLClassLoader} over users' jars
     * @return every provider listed in {@code META-INF/services} files that {@code loader} sees, by type name
     *     (the first of two providers of one type wins)
     */
    public static Map<String, GeneratorProvider> providers(ClassLoader loader) {
        Map<String, GeneratorProvider> byType = new TreeMap<>();
        for (GeneratorProvider p : ServiceLoader.load(GeneratorProvider.class, loader)) {
            byType.putIfAbsent(p.type(), p);
        }
        return byType;
    }

    /**
     * Creates the generator that {@code options} describe and checks that it takes the prior's
     * dimension.
     *
     * @param options the generator's options; {@code type} names the provider
     * @param context the run the generator serves
     * @return the generator
     */
    public static Generator create(Options options, GeneratorContext context) {
        return create(options, context, List.of());
    }

    /**
     * Creates the generator that {@code options} describe, from one of {@code own} or else from the
     * {@linkplain #providers() providers on the class path}, and checks that it takes the prior's
     * dimension. A provider that refuses its options throws {@link IllegalArgumentException} (or
     * {@link InvalidInputException}); the message is reported at the spec's generator entry.
     *
     * @param options the generator's options; {@code type} names the provider
     * @param context the run the generator serves
     * @param own providers that win over the class path's for their types, such as ones made in a test
     * @return the generator
     */
    public static Generator create(Options options, GeneratorContext context, List<GeneratorProvider> own) {
        String type = options.requireString("type");
        Map<String, GeneratorProvider> providers = providers();
        own.forEach(p -> providers.put(p.type(), p));
        GeneratorProvider provider = providers.get(type);
        if (provider == null) {
            throw new InvalidInputException(options.where("type") + ": unknown generator type '" + type
                    + "' (known: " + String.join(", ", providers.keySet()) + ")");
        }
        Generator generator;
        try {
            generator = provider.create(options, context);
        } catch (InvalidInputException | IllegalArgumentException e) {
            throw e instanceof InvalidInputException bad && Places.locates(options, bad.getMessage()) ? bad
                    : new InvalidInputException(options.where() + ": generator '" + type + "': " + e.getMessage(), e);
        }
        int dim = context.prior().dimension();
        try {
            options.rejectUnknownKeys();
        } catch (InvalidInputException e) {
            generator.close();
            throw e;
        }
        if (generator.inputDimension() != dim) {
            generator.close();
            throw new InvalidInputException(options.where() + ": generator '" + type + "' takes latents of dimension "
                    + generator.inputDimension() + " but the prior " + context.prior().description()
                    + " has dimension " + dim);
        }
        return generator;
    }
}
