package com.example;

import io.github.latentcheck.data.Latents;
import io.github.latentcheck.data.Samples;
import io.github.latentcheck.generator.Generator;
import io.github.latentcheck.generator.GeneratorContext;
import io.github.latentcheck.generator.GeneratorProvider;
import io.github.latentcheck.spec.Options;

/** generator: {type: scale, factor: 2}: G(z) = factor * z. */
public final class ScaleGenerator implements GeneratorProvider {
    @Override
    public String type() {
        return "scale";
    }

    @Override
    public Generator create(Options options, GeneratorContext context) {
        double factor = options.number("factor", 1);
        int d = context.prior().dimension();
        return new Generator() {
            @Override
            public int inputDimension() {
                return d;
            }

            @Override
            public int outputDimension() {
                return d;
            }

            @Override
            public Samples generate(Latents z) {
                float[] x = new float[z.rows() * d];
                for (int r = 0; r < z.rows(); r++) {
                    for (int j = 0; j < d; j++) {
                        x[r * d + j] = (float) (factor * z.value(r, j));
                    }
                }
                return Samples.of(z.rows(), d, x);
            }
        };
    }
}
