package io.github.latentcheck.prior;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.data.Latents;
import io.github.latentcheck.data.SampleFiles;
import io.github.latentcheck.generator.OnnxRuntime;
import io.github.latentcheck.internal.spec.Places;
import io.github.latentcheck.spec.Options;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * Creates priors by type name from spec options; the one place that lists the built-in priors.
 *
 * <p>Learned parameters (a Gaussian's {@code mean}, {@code scale}, {@code covariance} or {@code cholesky}; a
 * mixture's {@code weights}, {@code means} and {@code scales}) are given inline as a list (of lists) of
 * numbers, or as the path of a {@code .npy} or {@code .csv} file, relative to the spec's folder: a vector is
 * a 1-D array (or a 2-D one with one row or one column), a matrix a 2-D array.
 */
public final class Priors {
    /** The prior types understood by {@link #create(Options, int)}. */
    public static final List<String> TYPES = List.of("gaussian", "uniform", "truncated", "sphere", "mixture", "flow",
            "file");
    /** The types a flow's base may have. */
    private static final List<String> BASES = List.of("gaussian", "uniform");

    private Priors() {
    }

    /**
     * Creates a prior from options such as {@code {type: uniform, low: -1, high: 1, dim: 8}},
     * {@code {type: gaussian, mean: m.npy, scale: s.npy}}, or a {@link FilePrior} from
     * {@code {type: file, path: z.npy, reference: gaussian}} (the reference is a prior type, whose options
     * stand in the same map).
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
            Prior prior = distribution(type, "type", dimension, options);
            if (dimension > 0 && !options.has("dim") && prior.dimension() != dimension) {
                throw new InvalidInputException(options.where() + ": " + options.section() + " has dimension "
                        + prior.dimension() + " (from its parameters), but the spec's latent_dim is " + dimension);
            }
            return prior;
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

    /** @return the dimension the options give ({@code dim}, else the fallback), refusing none */
    private static int dimension(Options options, int fallback) {
        int dim = options.integer("dim", fallback, 1);
        if (dim < 1) {
            throw new InvalidInputException(options.where() + ": " + options.section()
                    + " has no latent dimension: give 'dim' here or 'latent_dim' at the top of the spec");
        }
        return dim;
    }

    private static Prior distribution(String type, String key, int dim, Options options) {
        switch (type) {
            case "gaussian":
                return options.has("mean") ? learnedGaussian(options) : GaussianPrior.of(dimension(options, dim));
            case "uniform":
                return UniformPrior.of(dimension(options, dim), options.number("low", -1), options.number("high", 1));
            case "truncated":
                return TruncatedNormalPrior.of(dimension(options, dim), options.requireNumber("threshold"));
            case "sphere":
                return SpherePrior.of(dimension(options, dim));
            case "mixture":
                return checkDim(mixture(options), options);
            case "flow":
                return checkDim(flow(options), options);
            default:
                throw new InvalidInputException(options.where(key) + ": unknown " + (key.equals("type") ? "prior type"
                        : "reference distribution") + " '" + type + "' (known: "
                        + String.join(", ", key.equals("type") ? TYPES : TYPES.subList(0, TYPES.size() - 1)) + ")");
        }
    }

    /** {@code {type: gaussian, mean: …, scale | covariance | cholesky: …}}; with only a mean, the scale is 1. */
    private static Prior learnedGaussian(Options options) {
        List<String> given = List.of("scale", "covariance", "cholesky").stream().filter(options::has).toList();
        if (given.size() > 1) {
            throw new InvalidInputException(options.where(given.get(1)) + ": " + options.section() + " gives both '"
                    + given.get(0) + "' and '" + given.get(1) + "': give one of scale, covariance and cholesky");
        }
        double[] mean = vector(options, "mean");
        String form = given.isEmpty() ? "mean" : given.get(0);
        double[] scale = form.equals("scale") ? vector(options, form) : form.equals("mean") ? ones(mean.length) : null;
        double[][] factor = scale == null ? matrix(options, form) : null;
        Prior prior = located(options, List.of("mean", form), () -> switch (form) {
            case "covariance" -> GaussianPrior.withCovariance(mean, factor);
            case "cholesky" -> GaussianPrior.withCholesky(mean, factor);
            default -> GaussianPrior.of(mean, scale);
        });
        return checkDim(prior, options);
    }

    private static double[] ones(int n) {
        double[] v = new double[n];
        Arrays.fill(v, 1);
        return v;
    }

    /** {@code {type: mixture, weights: […], means: [[…], …], scales: [[…], …]}}. */
    private static Prior mixture(Options options) {
        double[] weights = vector(options, "weights");
        double[][] means = matrix(options, "means");
        double[][] scales = matrix(options, "scales");
        return located(options, List.of("weights", "means", "scales"), () -> MixturePrior.of(weights, means, scales));
    }

    /** {@code {type: flow, model: f.onnx, inverse: g.onnx, base: gaussian, base_dim: k}}. */
    private static Prior flow(Options options) {
        if (!OnnxRuntime.isPresent()) {
            throw new InvalidInputException(options.where("type") + ": prior type 'flow' needs ONNX Runtime on the "
                    + "class path, which latentcheck declares optional: add com.microsoft.onnxruntime:onnxruntime "
                    + "(1.29.0 is tested) to your dependencies");
        }
        Path model = options.requirePath("model");
        Path inverse = options.has("inverse") ? options.requirePath("inverse") : null;
        int baseDim = options.has("base_dim") ? options.integer("base_dim", 0, 1) : FlowPrior.inputDimension(model);
        Prior base;
        if (!options.has("base") || options.isSingleValue("base")) {
            String type = options.string("base", "gaussian");
            if (!BASES.contains(type)) {
                throw new InvalidInputException(options.where("base") + ": " + options.section() + ".base is not "
                        + String.join(" or ", BASES) + ": '" + type + "'");
            }
            base = type.equals("gaussian") ? GaussianPrior.of(baseDim) : UniformPrior.of(baseDim, -1, 1);
        } else {
            Options child = options.child("base");
            if (!BASES.contains(child.requireString("type"))) {
                throw new InvalidInputException(child.where("type") + ": " + child.section() + ".type is not "
                        + String.join(" or ", BASES) + ": '" + child.requireString("type") + "'");
            }
            base = create(child, baseDim);
            child.rejectUnknownKeys();
        }
        return FlowPrior.of(model, inverse, base);
    }

    /** @return the prior, after checking that a {@code dim} the options give agrees with its parameters */
    private static Prior checkDim(Prior prior, Options options) {
        if (options.has("dim") && options.integer("dim", 0, 1) != prior.dimension()) {
            throw new InvalidInputException(options.where("dim") + ": " + options.section() + ".dim is "
                    + options.integer("dim", 0, 1) + " but its parameters give dimension " + prior.dimension());
        }
        return prior;
    }

    /**
     * Makes a prior from parameters, placing a refusal at the key its message starts with
     * ({@code "scale[2] is not …"} becomes {@code "spec.yaml:7: priors[1].scale[2] is not …"}).
     */
    private static Prior located(Options options, List<String> keys, Supplier<Prior> make) {
        try {
            return make.get();
        } catch (InvalidInputException e) {
            String message = e.getMessage();
            if (Places.locates(options, message)) {
                throw e;
            }
            String key = keys.stream().filter(message::startsWith).findFirst().orElse(keys.get(0));
            String file = options.isSingleValue(key) ? " (in " + options.requirePath(key) + ")" : "";
            throw new InvalidInputException(options.where(key) + ": " + options.section() + "." + message + file, e);
        }
    }

    /** A vector given inline or as a file: a 1-D array, or a 2-D one with one row or one column. */
    private static double[] vector(Options options, String key) {
        if (!options.isSingleValue(key)) {
            double[] values = options.numbers(key);
            if (values.length == 0) {
                throw new InvalidInputException(options.where(key) + ": " + options.section() + "." + key
                        + " is missing or empty: give a list of numbers or a .npy file");
            }
            return values;
        }
        Path path = options.requirePath(key);
        Latents array = SampleFiles.readLatents(path);
        if (array.dimension() == 1) {
            return array.column(0);
        }
        if (array.rows() == 1) {
            return array.row(0);
        }
        throw new InvalidInputException(options.where(key) + ": " + options.section() + "." + key + ": " + path
                + " holds a " + array.rows() + " x " + array.dimension() + " array, not a vector");
    }

    /** A matrix given inline (a list of rows) or as a 2-D file. */
    private static double[][] matrix(Options options, String key) {
        if (!options.isSingleValue(key)) {
            return options.matrix(key);
        }
        Latents array = SampleFiles.readLatents(options.requirePath(key));
        double[][] rows = new double[array.rows()][];
        for (int r = 0; r < rows.length; r++) {
            rows[r] = array.row(r);
        }
        return rows;
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
