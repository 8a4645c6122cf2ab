/** API: experiment specs (YAML) and the typed {@link io.github.latentcheck.spec.Options} that providers read. */
package io.github.latentcheck.spec;
