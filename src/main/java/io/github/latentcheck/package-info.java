/**
 * latentcheck: a statistical test harness for generative models (latent priors, mode coverage,
 * memorization).
 *
 * <h2>What is API</h2>
 * Public types outside the {@code io.github.latentcheck.internal.*} packages are API: the entry points
 * ({@link io.github.latentcheck.run.Experiment}, {@link io.github.latentcheck.run.ExperimentRunner},
 * {@link io.github.latentcheck.assertj.LatentAssertions}, {@link io.github.latentcheck.junit.LatentExperiment},
 * {@link io.github.latentcheck.cli.LatentcheckCommand}), the values a run hands back (results, gates,
 * {@link io.github.latentcheck.data.Samples}, {@link io.github.latentcheck.data.Latents}, test results), the
 * statistics that are usable alone ({@code stats}, {@code power}, {@code knn.NearestNeighborSearch}), and the
 * service-provider interfaces a user implements: {@link io.github.latentcheck.generator.GeneratorProvider} and
 * {@link io.github.latentcheck.generator.Generator}, {@link io.github.latentcheck.check.CheckProvider} and
 * {@link io.github.latentcheck.check.Check}, with what they take and return. {@code internal.*} packages
 * are not API: public only so that latentcheck's own packages can share them; they change
 * without notice. A test ({@code PublicApiTest}) pins the list of public types and members, so the API
 * grows only on purpose.
 *
 * <h2>Names of factories</h2>
 * API types have no public constructors (records aside). {@code of(…)} makes a value, or an object from
 * what it cannot do without; {@code withDefaults()} makes an object whose every setting has a default
 * (its Javadoc lists them), and each {@code with…(…)} returns a changed copy; {@code parse}, {@code read}
 * and {@code load} make one from text, a file, or a spec.
 *
 * <h2>Errors</h2>
 * Bad input is an {@link io.github.latentcheck.InvalidInputException} whose one-line message names the
 * file, line, row, column or key (the command line exits with status 2). A user's provider or
 * generator may throw {@link java.lang.IllegalArgumentException} instead: latentcheck puts the spec's
 * place in front. Anything else that escapes is a bug (exit 3).
 */
package io.github.latentcheck;
