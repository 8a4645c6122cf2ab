/** API: power and sample-size models of the distribution checks ({@code detectableEffect}, {@code latentcheck plan}). */
package io.github.latentcheck.power;
