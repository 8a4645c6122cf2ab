package org.example;

import io.github.latentcheck.generator.Generator;
import io.github.latentcheck.generator.GeneratorContext;
import io.github.latentcheck.generator.GeneratorProvider;
import io.github.latentcheck.spec.Options;

/**
 * {@code generator: {type: grid-model, dropped: [12], sd: 0.05}}, found through
 * META-INF/services/io.github.latentcheck.generator.GeneratorProvider. Bad options are refused with
 * IllegalArgumentException, as the README asks of a provider.
 */
public final class GridModelProvider implements GeneratorProvider {
    @Override
    public String type() {
        return "grid-model";
    }

    @Override
    public Generator create(Options options, GeneratorContext context) {
        int[] dropped = options.integers("dropped");
        for (int d : dropped) {
            if (d < 0 || d >= GridModel.MODES) {
                throw new IllegalArgumentException("dropped mode is not in [0, " + GridModel.MODES + "): " + d);
            }
        }
        double sd = options.number("sd", 0.05);
        if (!(sd > 0)) {
            throw new IllegalArgumentException("sd is not strictly positive: " + sd);
        }
        return new GridModel(dropped, sd);
    }
}
