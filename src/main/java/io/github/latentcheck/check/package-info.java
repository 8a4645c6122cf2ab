/**
 * API: checks and the check SPI. A user's check implements {@link io.github.latentcheck.check.Check} (with
 * {@link io.github.latentcheck.check.CheckResult#builder(Check)} for its result) and is found through a
 * {@link io.github.latentcheck.check.CheckProvider} listed in {@code META-INF/services}; a provider refuses bad
 * options with {@link java.lang.IllegalArgumentException}. The checks with a Java factory
 * ({@code ModeCoverageCheck.of}, {@code MemorizationCheck.withDefaults()}, {@code PrdcCheck.of},
 * {@code NdbCheck.of}, {@code InterpolationCheck.withDefaults()}) are API; the others are made from a
 * spec ({@link io.github.latentcheck.check.Checks#create}).
 */
package io.github.latentcheck.check;
