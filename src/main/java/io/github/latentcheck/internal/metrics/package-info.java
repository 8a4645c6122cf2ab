/**
 * Not API: code that latentcheck's own packages share, public only for that. It may change or go in any
 * release; a user's code should not depend on it (Lucene's {@code internal} convention).
 */
package io.github.latentcheck.internal.metrics;
