/**
 * API: AssertJ assertions for users' tests. {@link io.github.latentcheck.assertj.LatentAssertions} extends
 * AssertJ's {@code Assertions}, so one static import gives both; the assert classes it returns, and the
 * enums {@link io.github.latentcheck.assertj.UnivariateTest} and {@link io.github.latentcheck.assertj.MultivariateTest}
 * that choose a test, are API too.
 */
package io.github.latentcheck.assertj;
