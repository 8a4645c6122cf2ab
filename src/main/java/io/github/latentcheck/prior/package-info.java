/** API: latent priors and {@link io.github.latentcheck.prior.LatentSampler}, which draws from them reproducibly. */
package io.github.latentcheck.prior;
