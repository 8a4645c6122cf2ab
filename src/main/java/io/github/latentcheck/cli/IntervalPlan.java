package io.github.latentcheck.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.check.Check;
import io.github.latentcheck.run.Experiment;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@code plan}'s guidance for the metrics reported with an interval ({@code m}, {@code mLower}, {@code mUpper}:
 * FD, KID's MMD², precision/recall, α-precision/β-recall/authenticity, Vendi, the memorization check's DCR AUC):
 * an interval's width falls as \(1/\sqrt n\), so four times the samples halve it. Given an earlier run's
 * {@code results.json} at \(n_0\) samples with width \(w_0\), the width at n is predicted as \(w_0\sqrt{n_0/n}\)
 * and the samples for half the width as \(4 n_0\). (The rate is the central-limit one; FD's bias falls faster, as
 * 1/n, and KID's spread under identical distributions as 1/n, so the prediction is conservative for them.)
 */
final class IntervalPlan {
    private IntervalPlan() {
    }

    /** One metric's interval: at the earlier run's n0 with width w0 (NaN without a run), and predicted at n. */
    record Row(String prior, String check, String metric, int n0, double width0, int n, double width) {
        long samplesToHalve() {
            return 4L * n0;
        }
    }

    static List<Row> rows(Experiment experiment, Optional<Path> results, int n) {
        JsonNode root = results.map(IntervalPlan::read).orElse(null);
        int n0 = root == null ? 0 : root.path("samples").asInt();
        List<Row> rows = new ArrayList<>();
        for (String prior : experiment.priors().keySet()) {
            for (Check check : experiment.checks()) {
                Set<String> names = check.metricNames();
                for (String m : names) {
                    if (!names.contains(m + "Lower") || !names.contains(m + "Upper")) {
                        continue;
                    }
                    double w0 = root == null ? Double.NaN : width(root, prior, check.id(), m);
                    rows.add(new Row(prior, check.id(), m, n0, w0, n, w0 * Math.sqrt((double) n0 / n)));
                }
            }
        }
        return rows;
    }

    private static JsonNode read(Path file) {
        try {
            return new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new InvalidInputException(file + ": is not a readable results.json: " + e.getMessage(), e);
        }
    }

    private static double width(JsonNode root, String prior, String check, String metric) {
        for (JsonNode run : root.path("runs")) {
            if (!run.path("prior").asText().equals(prior)) {
                continue;
            }
            for (JsonNode c : run.path("checks")) {
                if (c.path("check").asText().equals(check)) {
                    JsonNode m = c.path("metrics");
                    return m.path(metric + "Upper").asDouble(Double.NaN) - m.path(metric + "Lower").asDouble(Double.NaN);
                }
            }
        }
        return Double.NaN;
    }

    static void print(PrintWriter out, List<Row> rows, boolean fromResults) {
        if (rows.isEmpty()) {
            return;
        }
        out.printf(Locale.ROOT, "%nIntervals: their width falls as 1/sqrt(n), so 4x the samples halve it%s%n",
                fromResults ? "; widths from the results given, predicted at n" : " (give --results RESULTS.json of "
                        + "an earlier run for widths)");
        String format = "%-10s  %-18s  %-20s  %20s  %20s  %s%n";
        out.printf(Locale.ROOT, format, "prior", "check", "metric", "width at n0", "width at n", "samples to halve");
        for (Row r : rows) {
            out.printf(Locale.ROOT, format, r.prior(), r.check(), r.metric(),
                    fromResults ? String.format(Locale.ROOT, "%.4g (%d)", r.width0(), r.n0()) : "-",
                    fromResults ? String.format(Locale.ROOT, "%.4g (%d)", r.width(), r.n()) : "-",
                    fromResults ? Long.toString(r.samplesToHalve()) : "4 n");
        }
    }

    static void json(ArrayNode array, List<Row> rows) {
        for (Row r : rows) {
            ObjectNode o = array.addObject();
            o.put("prior", r.prior());
            o.put("check", r.check());
            o.put("metric", r.metric());
            o.put("n", r.n());
            if (Double.isFinite(r.width0())) {
                o.put("n0", r.n0());
                o.put("width0", r.width0());
                o.put("width", r.width());
                o.put("samplesToHalve", r.samplesToHalve());
            }
        }
    }
}
