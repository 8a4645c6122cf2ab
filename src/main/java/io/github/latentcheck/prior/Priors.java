package io.github.latentcheck.prior;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.data.Latents;
import io.github.latentcheck.data.SampleFiles;
import io.github.latentcheck.internal.spec.Places;
import io.github.latentcheck.spec.Options;
import java.nio.file.Path;
import java.util.List;

/** Creates priors by type name from spec options; the one place that lists the built-in priors. */
public final class Priors {
    /** The prior types understood by {@link #create(Options, int)}. */
    public static final List<String> TYPES = List.of("gaussian", "uniform", "truncated", "sphere", "file");

    private Priors() {
    }

    /**
     * Creates a prior from options such as {@code {type: uniform, low: -1, high: 1, dim: 8}}, or a
     * {@link FilePrior} from {@code {type: file, path: z.npy, reference: gaussian}} (the reference
     * is a prior type, whose options stand in the same map).
     *
     * @param options the prior's options; {@code type} is required, {@code dim} defaults to {@code dimension}
     * @param dimension the latent dimension to use when the options give none (0 when there is none)
     * @return the prior
     * @throws InvalidInputException for an unknown type or a bad parameter, naming the key and line
     */
    public static Prior create(Options options, int dimension) {
        String type = options.requireString("type");
        try {
            if (type.equals("file")) {
                return file(options);
            }
            int dim = options.integer("dim", dimension, 1);
            if (dim < 1) {
                throw new InvalidInputException(options.where() + ": " + options.section()
                        + " has no latent dimension: give 'dim' here or 'latent_dim' at the top of the spec");
            }
            return distribution(type, "type", dim, options);
        } catch (InvalidInputException e) {
            if (Places.locates(options, e.getMessage())) {
                throw e;
            }
            // Options from the command line have no file, so there where() is the section itself.
            String at = options.where().equals(options.section()) ? options.section()
                    : options.where() + ": " + options.section();
            throw new InvalidInputException(at + ": " + e.getMessage(), e);
        }
    }

    private static Prior distribution(String type, String key, int dim, Options options) {
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
                throw new InvalidInputException(options.where(key) + ": unknown " + (key.equals("type") ? "prior type"
                        : "reference distribution") + " '" + type + "' (known: "
                        + String.join(", ", key.equals("type") ? TYPES : TYPES.subList(0, TYPES.size() - 1)) + ")");
        }
    }

    /** {@code {type: file, path: z.npy, reference: gaussian}}: the reference takes its options from the same map. */
    private static FilePrior file(Options options) {
        Path path = options.requirePath("path");
        Latents latents = SampleFiles.readLatents(path);
        if (options.has("dim") && options.integer("dim", 0, 1) != latents.dimension()) {
            throw new InvalidInputException(options.where("dim") + ": " + options.section() + ".dim is "
                    + options.integer("dim", 0, 1) + " but " + path + " has " + latents.dimension() + " columns");
        }
        Prior reference = options.has("reference")
                ? distribution(options.requireString("reference"), "reference", latents.dimension(), options)
                : null;
        return FilePrior.of(latents, path.toString(), reference);
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
