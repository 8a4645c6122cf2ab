/** API: gates (expressions over a check's metrics), their results, and baselines for relative gates. */
package io.github.latentcheck.gate;
