package io.github.latentcheck.gate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.latentcheck.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The metrics of an earlier, accepted run, read from its {@code results.json}, for relative gates
 * such as {@code memorization.copyFraction <= baseline + 0.005}: CI then fails on a regression
 * against the last accepted model rather than only on absolute bounds.
 */
public final class Baseline {
    private final Path file;
    private final Map<String, Double> metrics;

    private Baseline(Path file, Map<String, Double> metrics) {
        this.file = file;
        this.metrics = metrics;
    }

    /**
     * @param file a {@code results.json} written by latentcheck
     * @return its metrics
     * @throws InvalidInputException if the file is missing or is not a results file
     */
    public static Baseline read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(file + ": no such file");
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(file + ": not a latentcheck results.json: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read: " + e.getMessage(), e);
        }
        if (root == null || !root.path("runs").isArray()) {
            throw new InvalidInputException(file + ": not a latentcheck results.json: it has no 'runs' list");
        }
        Map<String, Double> metrics = new HashMap<>();
        for (JsonNode run : root.path("runs")) {
            String prior = run.path("prior").asText();
            for (JsonNode check : run.path("checks")) {
                String id = check.path("check").asText();
                check.path("metrics").fields().forEachRemaining(m -> {
                    if (m.getValue().isNumber()) {
                        metrics.put(key(prior, id, m.getKey()), m.getValue().asDouble());
                    }
                });
            }
        }
        return new Baseline(file, metrics);
    }

    private static String key(String prior, String check, String metric) {
        return prior + "\u0000" + check + "\u0000" + metric;
    }

    /** @return the results file the baseline came from */
    public Path file() {
        return file;
    }

    /**
     * @param prior a prior's label
     * @param check a check's id
     * @param metric a metric's name
     * @return the metric's value in the baseline run, when it has one (finite)
     */
    public OptionalDouble value(String prior, String check, String metric) {
        Double v = metrics.get(key(prior, check, metric));
        return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
    }
}
