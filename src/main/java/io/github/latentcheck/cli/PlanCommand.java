package io.github.latentcheck.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.check.Check;
import io.github.latentcheck.power.KolmogorovSmirnovPower;
import io.github.latentcheck.power.MeanTestPower;
import io.github.latentcheck.power.NormalShiftPower;
import io.github.latentcheck.power.PowerAnalysis;
import io.github.latentcheck.power.PowerDemand;
import io.github.latentcheck.power.PowerModel;
import io.github.latentcheck.power.QuadraticEdfPower;
import io.github.latentcheck.prior.Prior;
import io.github.latentcheck.run.Experiment;
import io.github.latentcheck.spec.ExperimentSpec;
import io.github.latentcheck.stats.MultipleTesting;
import io.github.latentcheck.stats.Permutations;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code latentcheck plan}: the sample size a distribution check needs for the power a spec demands
 * (or that the options state), before anything runs. It reports and does not gate: exit 0 when the
 * plan was computed, 2 for bad input.
 */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Print the sample count a distribution check needs to detect an effect with a given power.",
            "With SPEC.yaml: every distribution check with a power model (latent-ks, latent-ad, latent-cvm, "
                    + "marginal-ks, marginal-ad, marginal-cvm, moments, mmd, energy) per prior, at the spec's samples, with the power "
                    + "its 'power: {effect, at_least}' demands. Without: one test (--test ks|ad|cvm|mean) and --effect."})
final class PlanCommand implements Callable<Integer> {
    @Spec
    CommandSpec command;

    @Parameters(index = "0", arity = "0..1", paramLabel = "SPEC.yaml", description = "An experiment spec.")
    Path specFile;

    @Option(names = "--test", paramLabel = "TEST", description = "ks, ad or cvm (one-sample Kolmogorov-Smirnov, "
            + "Anderson-Darling, Cramer-von Mises; effect the KS distance of a shift in normal scores; for two samples "
            + "read n as nm/(n+m)) or mean (z-test; effect a mean shift in sd). Without SPEC.yaml only.")
    String test;

    @Option(names = "--effect", paramLabel = "E", description = "The effect to detect. Without SPEC.yaml only.")
    Double effect;

    @Option(names = "--power", paramLabel = "P", description = "The power wanted, in (0, 1). Default: 0.8, or the "
            + "spec's at_least (which this overrides).")
    Double power;

    @Option(names = "--alpha", paramLabel = "A", defaultValue = "0.05",
            description = "The family's level. Default: ${DEFAULT-VALUE}. Without SPEC.yaml only.")
    double alpha;

    @Option(names = "--tests", paramLabel = "M", defaultValue = "1",
            description = "The family's size (e.g. the dimension). Default: ${DEFAULT-VALUE}. Without SPEC.yaml only.")
    int tests;

    @Option(names = "--correction", paramLabel = "C", defaultValue = "holm", description = "The family's correction "
            + "(as in specs). Default: ${DEFAULT-VALUE}. Without SPEC.yaml only.")
    String correction;

    @Option(names = "--samples", paramLabel = "N", description = "Also report the power and the detectable effect "
            + "at N samples (with SPEC.yaml: instead of the spec's samples).")
    Integer samples;

    @Option(names = "--json", description = "Print one JSON object instead of a table.")
    boolean json;

    @Option(names = "--results", paramLabel = "RESULTS.json", description = "An earlier run's results.json: the "
            + "widths of its intervals, predicted at the spec's samples (or --samples). With SPEC.yaml only.")
    Path results;

    @Override
    public Integer call() {
        if (power != null && !(power > 0 && power < 1)) {
            throw new InvalidInputException("--power is not in (0, 1): " + power);
        }
        RunCommand.requireAtLeastOne("--samples", samples);
        PrintWriter out = command.commandLine().getOut();
        if (specFile != null) {
            planSpec(out);
        } else {
            planTest(out);
        }
        out.flush();
        return LatentcheckCommand.PASSED;
    }

    private void planSpec(PrintWriter out) {
        for (String option : List.of("--test", "--effect", "--alpha", "--tests", "--correction")) {
            if (command.commandLine().getParseResult().hasMatchedOption(option)) {
                throw new InvalidInputException(option + " is not taken with SPEC.yaml: the spec's checks give it");
            }
        }
        ExperimentSpec spec = ExperimentSpec.read(specFile);
        int n = samples != null ? samples : spec.samples();
        List<IntervalPlan.Row> intervals;
        Experiment experiment = Experiment.load(spec, spec.seed(), n);
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, Prior> prior : experiment.priors().entrySet()) {
            for (Check check : experiment.checks()) {
                Optional<PowerAnalysis> analysis = check.powerAnalysis(prior.getValue(), n, experiment.training());
                if (analysis.isPresent()) {
                    PowerAnalysis a = analysis.get();
                    Optional<PowerDemand> demand = a.demand()
                            .map(d -> power == null ? d : PowerDemand.of(d.effect(), power));
                    rows.add(Row.of(prior.getKey(), check.id(), a, demand));
                }
            }
        }
        intervals = IntervalPlan.rows(experiment, Optional.ofNullable(results), n);
        if (json) {
            ObjectMapper mapper = new ObjectMapper();
            ObjectNode root = mapper.createObjectNode();
            root.put("experiment", spec.name());
            root.put("samples", n);
            ArrayNode checks = root.putArray("checks");
            rows.forEach(r -> checks.add(r.json(mapper)));
            IntervalPlan.json(root.putArray("intervals"), intervals);
            out.println(root);
            return;
        }
        out.printf(Locale.ROOT, "%s: %d samples per prior; the smallest effect one test of each family detects with "
                + "80%% power, and the samples needed for the power demanded%n", spec.name(), n);
        String format = "%-10s  %-14s  %-19s  %-12s  %-37s  %-23s  %7s  %s%n";
        out.printf(Locale.ROOT, format, "prior", "check", "unit", "n", "family", "detectable at 80% power", "power",
                "need");
        for (Row r : rows) {
            PowerAnalysis a = r.analysis();
            out.printf(Locale.ROOT, format, r.prior(), r.check(), a.model().unit(), a.sizeName().equals("n")
                    ? Integer.toString(a.n()) : a.n() + " (eff.)",
                    String.format(Locale.ROOT, "%d tests, alpha %s (%.3g each)", a.tests(), a.alpha(), a.perTestAlpha()),
                    String.format(Locale.ROOT, "%.4g", r.detectable()),
                    r.demand().isPresent() ? String.format(Locale.ROOT, "%.3g", r.power()) : "-",
                    r.demand().map(d -> String.format(Locale.ROOT, "%s for power %s at %s %s", need(a, r.required()),
                            d.atLeast(), a.model().unit(), d.effect())).orElse("-"));
        }
        IntervalPlan.print(out, intervals, results != null);
    }

    private static String need(PowerAnalysis a, long required) {
        if (!a.canReject()) {
            return "no n: permutations >= " + Permutations.fewestPermutationsBelow(a.perTestAlpha());
        }
        return a.sizeName() + " >= " + required + drawsNote(a, required);
    }

    private static String drawsNote(PowerAnalysis a, long required) {
        if (a.sizeName().equals("n")) {
            return "";
        }
        long draws = a.requiredDraws(required);
        if (draws >= 0) {
            return " (n >= " + draws + ")";
        }
        return a.maxRows() > 0 ? " (unreachable with these training rows and max_rows " + a.maxRows() + ")"
                : " (unreachable with these training rows)";
    }

    private void planTest(PrintWriter out) {
        if (results != null) {
            throw new InvalidInputException("--results is taken with SPEC.yaml only");
        }
        if (test == null || effect == null) {
            throw new InvalidInputException("plan needs SPEC.yaml, or --test ks|ad|cvm|mean and --effect");
        }
        PowerModel model = switch (test) {
            case "ks" -> KolmogorovSmirnovPower.withDefaults();
            case "ad" -> QuadraticEdfPower.of(QuadraticEdfPower.Statistic.ANDERSON_DARLING);
            case "cvm" -> QuadraticEdfPower.of(QuadraticEdfPower.Statistic.CRAMER_VON_MISES);
            case "mean" -> MeanTestPower.of();
            default -> throw new InvalidInputException("--test is not ks, ad, cvm or mean: '" + test + "'");
        };
        boolean distance = model instanceof NormalShiftPower;
        if (!(effect > 0 && (effect < 1 || !distance)) || !Double.isFinite(effect)) {
            throw new InvalidInputException("--effect (a " + model.unit() + ") is not in (0, "
                    + (distance ? "1" : "infinity") + "): " + effect);
        }
        if (!(alpha > 0 && alpha < 1)) {
            throw new InvalidInputException("--alpha is not in (0, 1): " + alpha);
        }
        RunCommand.requireAtLeastOne("--tests", tests);
        MultipleTesting.Correction c;
        try {
            c = MultipleTesting.Correction.parse(correction);
        } catch (InvalidInputException e) {
            throw new InvalidInputException("--correction is not one of " + MultipleTesting.NAMES + ": '"
                    + correction + "'", e);
        }
        double perTest = PowerDemand.perTestAlpha(c, alpha, tests);
        PowerDemand demand = PowerDemand.of(effect, power != null ? power : PowerDemand.REPORTED_POWER);
        if (samples != null && samples < 2 && distance) {
            throw new InvalidInputException("--samples is not at least 2 for the " + test + " test: " + samples);
        }
        long required = model.requiredSamples(perTest, demand.effect(), demand.atLeast());
        Optional<PowerAnalysis> at = Optional.ofNullable(samples)
                .map(n -> PowerAnalysis.of(model, n, alpha, perTest, tests, Optional.of(demand)));
        if (json) {
            ObjectNode o = new ObjectMapper().createObjectNode();
            o.put("test", test);
            o.put("unit", model.unit());
            o.put("effect", demand.effect());
            o.put("power", demand.atLeast());
            o.put("alpha", alpha);
            o.put("tests", tests);
            o.put("correction", c.name().toLowerCase(Locale.ROOT).replace('_', '-'));
            o.put("perTestAlpha", perTest);
            o.put("requiredSamples", required);
            at.ifPresent(a -> {
                o.put("samples", a.n());
                o.put("powerAtSamples", a.power(demand));
                o.put("detectableEffect", a.detectableEffect());
            });
            out.println(o);
            return;
        }
        out.printf(Locale.ROOT, "%s: to detect a %s of %s with power %s at alpha %s over %d tests (%.3g per test):"
                + " n >= %d%n", test, model.unit(), demand.effect(), demand.atLeast(), alpha, tests, perTest, required);
        at.ifPresent(a -> out.printf(Locale.ROOT, "at n = %d: power %.3g against %s %s; detects %s %.4g with 80%% "
                + "power%n", a.n(), a.power(demand), model.unit(), demand.effect(), model.unit(), a.detectableEffect()));
    }

    /** One check of one prior, with its numbers computed once. */
    private record Row(String prior, String check, PowerAnalysis analysis, Optional<PowerDemand> demand,
            double detectable, double power, long required) {
        static Row of(String prior, String check, PowerAnalysis analysis, Optional<PowerDemand> demand) {
            return new Row(prior, check, analysis, demand, analysis.detectableEffect(),
                    demand.map(analysis::power).orElse(Double.NaN),
                    demand.map(analysis::requiredSamples).orElse(-1L));
        }

        ObjectNode json(ObjectMapper mapper) {
            ObjectNode o = mapper.createObjectNode();
            o.put("prior", prior);
            o.put("check", check);
            o.put("unit", analysis.model().unit());
            o.put("sizeName", analysis.sizeName());
            o.put("n", analysis.n());
            o.put("alpha", analysis.alpha());
            o.put("tests", analysis.tests());
            o.put("perTestAlpha", analysis.perTestAlpha());
            putFinite(o, "detectableEffect", detectable);
            demand.ifPresent(d -> {
                o.put("effect", d.effect());
                o.put("atLeast", d.atLeast());
                o.put("power", power);
                o.put("requiredSamples", required);
                o.put("requiredDraws", analysis.requiredDraws(required));
            });
            return o;
        }

        /** An infinite value (no effect is detectable) as {@code null}, as in {@code results.json}. */
        private static void putFinite(ObjectNode o, String name, double value) {
            if (Double.isFinite(value)) {
                o.put(name, value);
            } else {
                o.putNull(name);
            }
        }
    }
}
