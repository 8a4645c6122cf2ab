package io.github.latentcheck.prior;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The reference values of {@code fixtures/reference/learned_prior_reference.csv}, written by
 * {@code fixtures/reference/make_learned_prior_reference.py} (mpmath at 40 digits, numpy, scipy), and the
 * priors they describe, with the script's parameters.
 */
public final class LearnedPriorReference {
    /** The input sample of the whitened statistics: 200 rows of {@link #full3()}, float64. */
    public static final Path GAUSSIAN_FULL_SAMPLE = Path.of("fixtures", "reference", "learned_prior_inputs",
            "gaussian_full.npy");
    private static final Path FILE = Path.of("fixtures", "reference", "learned_prior_reference.csv");

    private LearnedPriorReference() {
    }

    /** One reference value: {@code x} is NaN where the quantity has no argument. */
    public record Row(String prior, int coordinate, String quantity, double x, double value) {
    }

    /** @return the script's mixture {@code mix3} */
    public static MixturePrior mix3() {
        return MixturePrior.of(new double[] {0.2, 0.5, 0.3}, new double[][] {{-2, 0.5}, {0, -1}, {3, 2}},
                new double[][] {{0.5, 1}, {1, 0.3}, {0.8, 2}});
    }

    /** @return the script's N(μ, Σ) {@code full3} */
    public static GaussianPrior full3() {
        return GaussianPrior.withCovariance(new double[] {0.5, -1, 2}, covariance3());
    }

    /** @return Σ of {@link #full3()} */
    public static double[][] covariance3() {
        return new double[][] {{2, 0.6, -0.3}, {0.6, 1, 0.2}, {-0.3, 0.2, 0.5}};
    }

    /**
     * @param prior the prior's name in the file
     * @param quantity the quantity
     * @return its rows, in file order
     */
    public static List<Row> rows(String prior, String quantity) {
        List<String> lines;
        try {
            lines = Files.readAllLines(FILE, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines.stream().filter(l -> !l.startsWith("#") && !l.startsWith("prior,")).map(l -> l.split(",", -1))
                .filter(f -> f[0].equals(prior) && f[2].equals(quantity))
                .map(f -> new Row(f[0], Integer.parseInt(f[1]), f[2], f[3].isEmpty() ? Double.NaN : Double.parseDouble(f[3]),
                        Double.parseDouble(f[4])))
                .toList();
    }
}
