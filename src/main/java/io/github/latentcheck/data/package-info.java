/** API: {@link io.github.latentcheck.data.Samples} and {@link io.github.latentcheck.data.Latents}, and reading and writing {@code .npy} and {@code .csv} files. */
package io.github.latentcheck.data;
