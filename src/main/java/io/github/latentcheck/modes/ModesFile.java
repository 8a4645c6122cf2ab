package io.github.latentcheck.modes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.latentcheck.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads known modes: the built-in benchmarks by name, or a JSON modes file.
 *
 * <ul>
 * <li>{@code ring8}: 8 centres at angles 2πk/8 (k = 0..7) on the circle of radius 2, sd 0.02;</li>
 * <li>{@code grid25}: the centres {−4, −2, 0, 2, 4}², sd 0.05;</li>
 * <li>a {@code .json} file with {@code centres} (K rows of D numbers), exactly one of {@code sd}
 * (a number shared by every mode, or a list of K numbers, one per isotropic mode) and
 * {@code covariances} (K matrices D × D), and optional {@code weights} (K numbers summing to 1;
 * equal weights when absent). Optional {@code dim} and {@code n_modes} must agree with the
 * centres; other keys (such as {@code name}, {@code seeds}) are ignored. The fixtures'
 * {@code ring8_modes.json} and {@code grid25_modes.json} are examples.</li>
 * </ul>
 */
public final class ModesFile {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ModesFile() {
    }

    /**
     * @param modes {@code ring8}, {@code grid25} or the path of a JSON modes file
     * @param baseDirectory the folder a relative path is resolved against
     * @return the mixture
     * @throws InvalidInputException for a missing or malformed file, naming the file and the key
     */
    public static GaussianMixture resolve(String modes, Path baseDirectory) {
        switch (modes) {
            case "ring8":
                return GaussianMixture.ring(8, 2, 0.02);
            case "grid25":
                return GaussianMixture.grid(5, 2, 0.05);
            default:
                return read(baseDirectory.resolve(modes));
        }
    }

    /**
     * @param file a JSON modes file
     * @return the mixture
     * @throws InvalidInputException for a missing or malformed file, naming the file and the key
     */
    public static GaussianMixture read(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file + ": no such modes file", e);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(file + ": not valid JSON (line " + e.getLocation().getLineNr() + "): "
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read the modes file: " + e.getMessage(), e);
        }
        String name = file.toString();
        if (root == null || !root.isObject()) {
            throw new InvalidInputException(name + ": a modes file is a JSON object with 'centres'");
        }
        double[][] centres = matrix(name, root.get("centres"), "centres");
        int modes = centres.length;
        int dim = centres[0].length;
        checkCount(name, root, "dim", dim);
        checkCount(name, root, "n_modes", modes);
        double[] weights;
        if (root.has("weights")) {
            weights = numbers(name, root.get("weights"), "weights");
        } else {
            weights = new double[modes];
            Arrays.fill(weights, 1.0 / modes);
        }
        boolean hasSd = root.has("sd");
        if (hasSd == root.has("covariances")) {
            throw new InvalidInputException(name + ": a modes file gives exactly one of 'sd' and 'covariances'");
        }
        if (hasSd) {
            JsonNode sd = root.get("sd");
            if (sd.isNumber()) {
                return GaussianMixture.of(name, centres, sd.doubleValue(), weights);
            }
            return GaussianMixture.ofStandardDeviations(name, centres, numbers(name, sd, "sd"), weights);
        }
        JsonNode covariances = root.get("covariances");
        if (!covariances.isArray()) {
            throw new InvalidInputException(name + ": 'covariances' is not a list of matrices");
        }
        double[][][] sigma = new double[covariances.size()][][];
        for (int k = 0; k < sigma.length; k++) {
            sigma[k] = matrix(name, covariances.get(k), "covariances[" + k + "]");
        }
        return GaussianMixture.ofCovariances(name, centres, sigma, weights);
    }

    private static void checkCount(String name, JsonNode root, String key, int actual) {
        if (root.has(key) && !(root.get(key).isInt() && root.get(key).intValue() == actual)) {
            throw new InvalidInputException(name + ": '" + key + "' is " + root.get(key) + " but the centres give "
                    + actual);
        }
    }

    private static double[][] matrix(String name, JsonNode node, String key) {
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw new InvalidInputException(name + ": '" + key + "' is not a non-empty list of rows");
        }
        double[][] rows = new double[node.size()][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = numbers(name, node.get(i), key + "[" + i + "]");
            if (rows[i].length != rows[0].length) {
                throw new InvalidInputException(name + ": '" + key + "[" + i + "]' has " + rows[i].length
                        + " numbers but the first row has " + rows[0].length);
            }
        }
        return rows;
    }

    private static double[] numbers(String name, JsonNode node, String key) {
        if (!node.isArray() || node.isEmpty()) {
            throw new InvalidInputException(name + ": '" + key + "' is not a non-empty list of numbers");
        }
        double[] out = new double[node.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode v = node.get(i);
            if (!v.isNumber() || !Double.isFinite(v.doubleValue())) {
                throw new InvalidInputException(name + ": '" + key + "[" + i + "]' is not a finite number: " + v);
            }
            out[i] = v.doubleValue();
        }
        return out;
    }
}
