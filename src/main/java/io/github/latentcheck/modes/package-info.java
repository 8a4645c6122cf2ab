/** API: known modes (Gaussian mixtures such as {@code ring8} and {@code grid25}) and the modes file format. */
package io.github.latentcheck.modes;
