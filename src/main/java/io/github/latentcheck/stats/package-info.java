/** API: the statistical tests and their results; each class's Javadoc gives the formula and the reference. */
package io.github.latentcheck.stats;
