package io.github.latentcheck.power;

import io.github.latentcheck.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Power of a test against a shift \(\theta\), by a seeded simulation that gives the power at every shift for
 * one sample size and level; the subclasses say what is simulated ({@link NormalShiftPower} for the
 * one-sample EDF tests, {@link DistanceTestPower} for MMD and energy) and how an effect maps to a shift.
 *
 * <p><b>Large n.</b> Above the simulated limit \(m\) (a subclass's choice) the simulation runs at \(m\) with
 * the shift rescaled to \(\theta\sqrt{n/m}\): under local alternatives \(\theta_n = h/\sqrt{n}\) the power of
 * the tests modelled here converges to a function of \(h\) alone (each subclass states why; Lehmann and
 * Romano 2005, chapter 14), so it depends on \(n\) and \(\theta\) only through \(\sqrt{n}\theta\). The required
 * sample size beyond \(m\) is therefore \(\lceil m(\theta_m/\theta)^2\rceil\), with \(\theta_m\) the detectable
 * shift at \(m\); below \(m\) it is found by bisection over \(n\), simulating at each \(n\) with the same seed.
 * A run's checks at one size and level share a simulation: each model class keeps its last few in a
 * {@link Simulations} cache, which first looks in the simulations shipped in the jar
 * ({@link ShippedSimulations}) so that a run at a common size and level simulates nothing.
 *
 * <p>Reference: Lehmann, E. L. &amp; Romano, J. P. (2005). <i>Testing Statistical Hypotheses</i>, 3rd ed.,
 * chapter 14. Springer, doi:10.1007/0-387-27605-X.
 */
abstract class SimulatedShiftPower implements PowerModel {
    /** The simulation's seed unless a subclass's {@code withSeed} says otherwise. */
    public static final long DEFAULT_SEED = 20_260_801L;
    /** The fewest replicates a model takes. */
    public static final int MIN_REPLICATES = 100;

    private final int replicates;
    private final long seed;
    private final int simulatedLimit;
    private final Simulations cache;

    /**
     * @param replicates the number of simulated samples, at least {@value #MIN_REPLICATES}
     * @param seed the simulation's seed
     * @param simulatedLimit sample sizes above this are simulated at this size with a rescaled shift
     * @param cache where the model class keeps its recent simulations
     */
    SimulatedShiftPower(int replicates, long seed, int simulatedLimit, Simulations cache) {
        if (replicates < MIN_REPLICATES) {
            throw new InvalidInputException("replicates is not at least " + MIN_REPLICATES + ": " + replicates);
        }
        this.replicates = replicates;
        this.seed = seed;
        this.simulatedLimit = simulatedLimit;
        this.cache = cache;
    }

    /** @return the number of simulated samples */
    public final int replicates() {
        return replicates;
    }

    /** @return the simulation's seed */
    public final long seed() {
        return seed;
    }

    /** @return the largest sample size simulated as it is; larger ones are simulated here with a rescaled shift */
    public final int simulatedLimit() {
        return simulatedLimit;
    }

    /** @return what the simulation depends on besides the size, level, replicates and seed; it keys the cache */
    abstract String statistic();

    /**
     * @param effect an effect in the model's unit
     * @return the shift it means
     */
    abstract double shiftFor(double effect);

    /**
     * @param shift a shift \(\theta \ge 0\)
     * @return its effect in the model's unit
     */
    abstract double effectFor(double shift);

    /**
     * @param n the sample size, at least 2
     * @param alpha the level, in (0, 1)
     * @return a fresh simulation at that size and level
     */
    abstract Simulation simulateAfresh(int n, double alpha);

    /** The power at every shift, for one size and level. */
    interface Simulation {
        /**
         * @param shift a shift \(\theta \ge 0\)
         * @return the simulated power against it
         */
        double power(double shift);

        /**
         * @param target a power in (0, 1)
         * @return the smallest shift with at least that power, or \(+\infty\) when none has
         */
        double detectableShift(double target);
    }

    @Override
    public final double power(int n, double alpha, double effect) {
        checkSize(n);
        int m = Math.min(n, simulatedLimit);
        return simulate(m, alpha).power(shiftFor(effect) * Math.sqrt((double) n / m));
    }

    @Override
    public final double detectableEffect(int n, double alpha, double power) {
        checkSize(n);
        MeanTestPower.checkPower(power);
        int m = Math.min(n, simulatedLimit);
        double effect = effectFor(simulate(m, alpha).detectableShift(power) * Math.sqrt((double) m / n));
        // The shift lies just above a step of the simulated power; the round trip through the effect may land it
        // below, so step up until the reported effect has the power it promises.
        // effectFor(+inf) is the largest effect the unit has (1 for a KS distance), which power() does not take.
        double beyond = effectFor(Double.POSITIVE_INFINITY);
        for (int step = 0; step < 64 && effect < beyond && power(n, alpha, effect) < power; step++) {
            effect = Math.nextUp(effect);
        }
        return effect;
    }

    @Override
    public final long requiredSamples(double alpha, double effect, double power) {
        MeanTestPower.checkPower(power);
        double shift = shiftFor(effect);
        double atLimit = simulate(simulatedLimit, alpha).detectableShift(power);
        if (shift <= atLimit) {
            double n = Math.ceil(simulatedLimit * (atLimit / shift) * (atLimit / shift));
            if (!(n <= Integer.MAX_VALUE)) {
                throw new InvalidInputException(String.format(Locale.ROOT, "%s %s needs more than %d samples for "
                        + "power %s at level %s (%s)", unit(), effect, Integer.MAX_VALUE, power, alpha, statistic()));
            }
            return (long) n;
        }
        int lo = 1;
        int hi = simulatedLimit;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (simulate(mid, alpha).power(shift) >= power) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return hi;
    }

    private Simulation simulate(int n, double alpha) {
        return cache.get(new SimulationKey(statistic(), n, alpha, replicates, seed), () -> {
            MeanTestPower.checkLevel(alpha);
            return simulateAfresh(n, alpha);
        });
    }

    /** A simulation's identity: same key, same result. */
    record SimulationKey(String statistic, int n, double alpha, int replicates, long seed) {
    }

    /**
     * A model class's most recent simulations, least recently used first out, in front of a store of
     * precomputed ones; safe for concurrent checks.
     */
    static final class Simulations {
        private final Map<SimulationKey, Simulation> recent;
        private final Function<SimulationKey, Optional<Simulation>> precomputed;

        /**
         * @param capacity the number of simulations kept
         * @param precomputed the simulations known before the run, asked before a simulation is run afresh
         */
        Simulations(int capacity, Function<SimulationKey, Optional<Simulation>> precomputed) {
            this.precomputed = precomputed;
            recent = new LinkedHashMap<>(2 * capacity, 0.75f, true) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<SimulationKey, Simulation> eldest) {
                    return size() > capacity;
                }
            };
        }

        Simulation get(SimulationKey key, Supplier<Simulation> fresh) {
            synchronized (recent) {
                Simulation cached = recent.get(key);
                if (cached != null) {
                    return cached;
                }
            }
            Simulation simulated = precomputed.apply(key).orElseGet(fresh);
            synchronized (recent) {
                recent.put(key, simulated);
            }
            return simulated;
        }
    }

    /**
     * @param n a sample size
     * @throws InvalidInputException if it is below 2
     */
    static void checkSize(int n) {
        if (n < 2) {
            throw new InvalidInputException("n is not at least 2: " + n);
        }
    }
}
