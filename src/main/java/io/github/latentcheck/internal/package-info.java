/**
 * Not API: code that latentcheck's packages share. Public only for that; it may change or go in any
 * release, and a user's code should not depend on it (Lucene's {@code internal} convention).
 */
package io.github.latentcheck.internal;
