package io.github.latentcheck.prior;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.spec.Options;
import java.util.List;

/** Creates priors by type name from spec options; the one place that lists the built-in priors. */
public final class Priors {
    /** The prior types understood by {@link #create(Options, int)}. */
    public static final List<String> TYPES = List.of("gaussian", "uniform", "truncated", "sphere");

    private Priors() {
    }

    /**
     * Creates a prior from options such as {@code {type: uniform, low: -1, high: 1, dim: 8}}.
     *
     * @param options the prior's options; {@code type} is required, {@code dim} defaults to {@code dimension}
     * @param dimension the latent dimension to use when the options give none (0 when there is none)
     * @return the prior
     * @throws InvalidInputException for an unknown type or a bad parameter, naming the key and line
     */
    public static Prior create(Options options, int dimension) {
        String type = options.requireString("type");
        int dim = options.integer("dim", dimension, 1);
        if (dim < 1) {
            throw new InvalidInputException(options.where() + ": " + options.section()
                    + " has no latent dimension: give 'dim' here or 'latent_dim' at the top of the spec");
        }
        try {
            switch (type) {
                case "gaussian":
                    return GaussianPrior.of(dim);
                case "uniform":
                    return UniformPrior.of(dim, options.number("low", -1), options.number("high", 1));
                case "truncated":
                    return TruncatedNormalPrior.of(dim, options.requireNumber("threshold"));
                case "sphere":
                    return SpherePrior.of(dim);
                default:
                    throw new InvalidInputException(options.where("type") + ": unknown prior type '" + type
                            + "' (known: " + String.join(", ", TYPES) + ")");
            }
        } catch (InvalidInputException e) {
            if (options.locates(e.getMessage())) {
                throw e;
            }
            throw new InvalidInputException(options.where() + ": " + options.section() + ": " + e.getMessage(), e);
        }
    }

    static int checkDimension(int dimension) {
        if (dimension < 1) {
            throw new InvalidInputException("prior dimension is not at least 1: " + dimension);
        }
        return dimension;
    }

    static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
