/**
 * API: the generator SPI ({@link io.github.latentcheck.generator.Generator},
 * {@link io.github.latentcheck.generator.GeneratorProvider}, {@link io.github.latentcheck.generator.GeneratorContext}),
 * {@link io.github.latentcheck.generator.Generators} to find providers, and the built-ins with a Java factory
 * ({@code AffineGenerator.of}, {@code MixtureGenerator.of}, {@code CopierGenerator.of}, {@code OnnxGenerator.open}); the others are
 * made from a spec. What a provider and a generator throw: see their Javadoc.
 */
package io.github.latentcheck.generator;
