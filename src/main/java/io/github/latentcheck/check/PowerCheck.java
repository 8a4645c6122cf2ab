package io.github.latentcheck.check;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.power.PowerAnalysis;
import io.github.latentcheck.power.PowerDemand;
import io.github.latentcheck.power.PowerModel;
import io.github.latentcheck.spec.Options;
import java.math.BigDecimal;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The power part of a distribution check: the optional {@code power: { effect, at_least }} option, and
 * the metrics {@code detectableEffect} (the smallest effect one test of the family detects with power
 * {@value PowerDemand#REPORTED_POWER} at its per-test level), and, when power is demanded, {@code power}
 * (at the demanded effect) and {@code requiredSamples} (for the demanded power). A run whose power falls
 * short is marked underpowered, which fails every gate on the check.
 */
final class PowerCheck {
    private final PowerModel model;
    private final Optional<PowerDemand> demand;

    private PowerCheck(PowerModel model, Optional<PowerDemand> demand) {
        this.model = model;
        this.demand = demand;
    }

    /**
     * @param options the check's options, which may hold {@code power: {effect: E, at_least: P}}
     *     ({@code at_least} defaults to 0.8)
     * @param model the power of one test of the check's family
     * @param maxEffect the largest effect the unit allows (exclusive), e.g. 1 for a KS distance
     * @return the power part
     * @throws InvalidInputException naming the line for a bad value or an unknown key
     */
    static PowerCheck from(Options options, PowerModel model, double maxEffect) {
        if (!options.has("power")) {
            return new PowerCheck(model, Optional.empty());
        }
        Options power = options.child("power");
        double effect = power.requireNumber("effect");
        if (!(effect > 0 && effect < maxEffect)) {
            String range = Double.isInfinite(maxEffect) ? "strictly positive"
                    : "in (0, " + BigDecimal.valueOf(maxEffect).stripTrailingZeros().toPlainString() + ")";
            throw new InvalidInputException(power.where("effect") + ": " + power.section() + ".effect (a "
                    + model.unit() + ") is not " + range + ": " + effect);
        }
        double atLeast = power.number("at_least", PowerDemand.REPORTED_POWER);
        if (!(atLeast > 0 && atLeast < 1)) {
            throw new InvalidInputException(power.where("at_least") + ": " + power.section()
                    + ".at_least is not in (0, 1): " + atLeast);
        }
        power.rejectUnknownKeys();
        return new PowerCheck(model, Optional.of(PowerDemand.of(effect, atLeast)));
    }

    /**
     * @param other a model of the same unit, for a check whose model depends on the data (their dimension)
     * @return this demand with that model
     */
    PowerCheck withModel(PowerModel other) {
        return new PowerCheck(other, demand);
    }

    Optional<PowerDemand> demand() {
        return demand;
    }

    /** @return the power metrics' names, in reporting order */
    Set<String> metricNames() {
        Set<String> names = new LinkedHashSet<>();
        names.add("detectableEffect");
        if (demand.isPresent()) {
            names.add("power");
            names.add("requiredSamples");
        }
        return names;
    }

    /**
     * @param n the sample size one test sees
     * @param family the check's family
     * @param tests the family's size
     * @return the analysis of a one-sample test
     */
    PowerAnalysis analysis(int n, DimensionTests family, int tests) {
        return PowerAnalysis.of(model, n, family.alpha(), family.perTestAlpha(tests), tests, demand);
    }

    /**
     * @param n the generated rows
     * @param m the training rows
     * @param family the check's family
     * @param tests the family's size
     * @return the analysis of a two-sample test, at the effective size
     */
    PowerAnalysis twoSampleAnalysis(int n, long m, DimensionTests family, int tests) {
        return PowerAnalysis.twoSample(model, n, m, family.alpha(), family.perTestAlpha(tests), tests, demand);
    }

    /**
     * @param result the check's result so far
     * @param analysis the run's power analysis, from {@link #analysis}
     * @return the result with the power metrics and, when power falls short, the reason
     */
    static CheckResult.Builder report(CheckResult.Builder result, PowerAnalysis analysis) {
        result.metric("detectableEffect", analysis.detectableEffect());
        if (analysis.demand().isEmpty()) {
            return result;
        }
        PowerDemand d = analysis.demand().get();
        double power = analysis.power(d);
        long required = analysis.requiredSamples(d);
        result.metric("power", power).metric("requiredSamples", required);
        if (power < d.atLeast()) {
            result.underpowered(analysis.shortfall(d, power, required));
        }
        return result;
    }
}
