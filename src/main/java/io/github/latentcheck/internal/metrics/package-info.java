/** Not API (see {@link io.github.latentcheck.internal}): shared by latentcheck's own packages. */
package io.github.latentcheck.internal.metrics;
