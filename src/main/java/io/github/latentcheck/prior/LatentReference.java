package io.github.latentcheck.prior;

import io.github.latentcheck.data.Latents;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * What the latent checks test a prior's draws against: the draws mapped by {@link #apply(Latents)},
 * tested against {@link #law()}. For most priors the map is the identity and the law is the prior
 * itself; a learned Gaussian N(μ, Σ) maps z to \(L^{-1}(z - \mu)\) (\(LL^\top = \Sigma\)) for the
 * multivariate checks, which then test N(0, I); a flow with an inverse maps z to \(f^{-1}(z)\) and
 * tests its base.
 */
public final class LatentReference {
    private final Prior law;
    private final UnaryOperator<Latents> map;
    private final String mapDescription;

    private LatentReference(Prior law, UnaryOperator<Latents> map, String mapDescription) {
        this.law = Objects.requireNonNull(law, "law");
        this.map = Objects.requireNonNull(map, "map");
        this.mapDescription = Objects.requireNonNull(mapDescription, "mapDescription");
    }

    /**
     * @param law the prior the latents are tested against as they are
     * @return the identity map onto {@code law}
     */
    public static LatentReference of(Prior law) {
        return new LatentReference(law, UnaryOperator.identity(), "");
    }

    /**
     * @param law the prior the mapped latents are tested against, of the map's output dimension
     * @param map the map of a run's latents, a pure function of them
     * @param description what the map is, e.g. {@code "whitened: L^-1 (z - mean)"}
     * @return the reference
     */
    public static LatentReference mapped(Prior law, UnaryOperator<Latents> map, String description) {
        return new LatentReference(law, map, description);
    }

    /** @return the prior that the mapped latents are tested against */
    public Prior law() {
        return law;
    }

    /**
     * @param latents a run's latents
     * @return the latents the checks test against {@link #law()}
     */
    public Latents apply(Latents latents) {
        return map.apply(latents);
    }

    /** @return whether the latents are tested as they are */
    public boolean isIdentity() {
        return mapDescription.isEmpty();
    }

    /** @return what the map is, or an empty string for the identity */
    public String mapDescription() {
        return mapDescription;
    }
}
