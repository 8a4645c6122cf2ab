package io.github.latentcheck.check;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.data.Latents;
import io.github.latentcheck.prior.LatentReference;
import io.github.latentcheck.prior.Prior;
import io.github.latentcheck.spec.Options;
import io.github.latentcheck.stats.CentralMoments;
import io.github.latentcheck.stats.MonteCarloNull;
import io.github.latentcheck.stats.Multivariate;
import io.github.latentcheck.stats.TestResult;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Checks of the latents as vectors rather than coordinate by coordinate:
 * <ul>
 * <li>{@code latent-norm}: the squared norm \(\|z\|^2\). Under the Gaussian prior \(\|z\|^2 \sim
 * \chi^2_d\) and the n values are tested against it ({@link Multivariate#normSquaredChiSquare},
 * one-sample KS); under the uniform and truncated priors (independent coordinates) the mean of
 * \(\|z - \mu\|^2\) is compared with \(d\mu_2\) by a z-test ({@link Multivariate#normSquaredMean}). The
 * sphere prior has a constant norm and is refused when the experiment is loaded.
 * <li>{@code latent-independence}: Pearson's correlation of every pair of coordinates
 * ({@link Multivariate#pairwiseCorrelations}), corrected over the d(d − 1)/2 pairs; needs d &ge; 2.
 * Under the sphere prior the coordinates are uncorrelated but not independent; the test is then
 * conservative (Var r ≈ 1/(n + 2n/d) &lt; 1/n).
 * <li>{@code mardia}: Mardia's multivariate skewness and kurtosis ({@link Multivariate#mardiaSkewness},
 * {@link Multivariate#mardiaKurtosis}), corrected over the two; Gaussian priors only (refused for others
 * when the experiment is loaded). Skewness costs O(n² d), so only the first {@code max_rows} latent
 * rows (default 5000) are used; latent rows are independent draws, so these are a random sample.
 * <li>{@code henze-zirkler}: the Henze–Zirkler test of multivariate normality
 * ({@link Multivariate#henzeZirkler}), consistent against every alternative; Gaussian priors only,
 * O(n² d), on the first {@code max_rows} rows (default 5000) as {@code mardia}.
 * </ul>
 * The latents are tested through the prior's {@link Prior#jointReference()}: under a learned Gaussian
 * N(μ, Σ) they are whitened first, \(y = L^{-1}(z - \mu)\) with \(LL^\top = \Sigma\), and y is tested
 * against N(0, I_d) (so {@code latent-norm} tests the squared Mahalanobis norm against χ²_d, and
 * {@code latent-independence} the whitened pairs; Mardia's and Henze–Zirkler's statistics are affine
 * invariant, so whitening changes them only by rounding). Under a flow with an inverse, f⁻¹(z) is tested
 * against the flow's base. A mixture's coordinates share the component, so {@code latent-norm} and
 * {@code latent-independence} are refused for it (its joint law is tested by {@code latent-energy}).
 *
 * <p>Metrics: {@code tests}, {@code rejected}, {@code minPValue}, {@code minAdjustedPValue}, and for
 * {@code latent-norm} {@code statistic}, for {@code latent-independence} {@code maxAbsCorrelation}, for
 * {@code mardia} {@code skewness} (κ) and {@code kurtosis} (z), for {@code henze-zirkler}
 * {@code statistic} (T).
 *
 * <p>Small samples: with at most {@value Multivariate#MONTE_CARLO_MAX_ROWS} rows the {@code mardia} and
 * {@code henze-zirkler} p-values are Monte Carlo, method {@code estimate}: \(p = (1 + \#\{b : |T_b| \ge
 * |T_0|\})/(B + 1)\) from B = {@value MonteCarloNull#DEFAULT_DRAWS} samples of N(0, I_d) of the same size
 * (the statistics are affine invariant, so this is their exact null distribution under any normal),
 * seeded from the check's seed (stream 0 for skewness and Henze–Zirkler, 1 for kurtosis), so the same for
 * any thread count. The asymptotic approximations are off there: Henze–Zirkler's log-normal rejects 3.0 %
 * at n = 10, d = 3, α = 0.05, and Mardia's kurtosis z never rejects at n = 10.
 */
final class LatentMultivariateCheck implements Check {
    /** Default for mardia's {@code max_rows}. */
    static final int DEFAULT_MARDIA_ROWS = 5000;

    /** The types of the priors with independent coordinates (the sphere's are uncorrelated; see above). */
    private static final Set<String> INDEPENDENT = Set.of("gaussian", "uniform", "truncated", "sphere");

    /** What the check tests. */
    enum Kind {
        NORM("latent-norm", "statistic"),
        INDEPENDENCE("latent-independence", "maxAbsCorrelation"),
        MARDIA("mardia", "skewness", "kurtosis"),
        HENZE_ZIRKLER("henze-zirkler", "statistic");

        final String type;
        final List<String> extraMetrics;

        Kind(String type, String... extraMetrics) {
            this.type = type;
            this.extraMetrics = List.of(extraMetrics);
        }
    }

    private final String id;
    private final Kind kind;
    private final DimensionTests family;
    private final int maxRows;

    private LatentMultivariateCheck(String id, Kind kind, DimensionTests family, int maxRows) {
        this.id = id;
        this.kind = kind;
        this.family = family;
        this.maxRows = maxRows;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String type() {
        return kind.type;
    }

    @Override
    public Set<String> metricNames() {
        Set<String> names = new LinkedHashSet<>(DimensionTests.METRICS);
        names.addAll(kind.extraMetrics);
        return names;
    }

    @Override
    public Set<Requirement> requirements() {
        return Set.of(Requirement.PRIOR_REFERENCE);
    }

    @Override
    public void validate(Prior tested) {
        if (!tested.hasReference()) {
            return;
        }
        Prior prior = tested.jointReference().law();
        if ((kind == Kind.NORM || kind == Kind.INDEPENDENCE) && !INDEPENDENT.contains(prior.type())) {
            throw new InvalidInputException(kind.type + " tests priors with independent coordinates, which a "
                    + prior.type() + " prior does not have: compare the latents with fresh draws by latent-energy or "
                    + "latent-mmd");
        }
        if ((kind == Kind.MARDIA || kind == Kind.HENZE_ZIRKLER) && !prior.type().equals("gaussian")) {
            throw new InvalidInputException(kind.type + " tests multivariate normality and needs a gaussian prior, not "
                    + prior.type());
        }
        if (kind == Kind.NORM && prior.type().equals("sphere")) {
            throw new InvalidInputException("latent-norm: every point of the sphere prior has norm sqrt(d)");
        }
        if (kind == Kind.INDEPENDENCE && prior.dimension() < 2) {
            throw new InvalidInputException("latent-independence needs at least 2 latent coordinates, not "
                    + prior.dimension());
        }
    }

    @Override
    public CheckResult run(CheckInput input) {
        LatentReference reference = input.prior().jointReference();
        Prior prior = reference.law();
        Latents latents = reference.apply(input.latents());
        int d = prior.dimension();
        CheckResult.Builder result = CheckResult.builder(this);
        switch (kind) {
            case NORM: {
                TestResult t = prior.type().equals("gaussian")
                        ? Multivariate.normSquaredChiSquare(latents.toArray(), d)
                        : Multivariate.normSquaredMean(centered(latents, prior), d, centeredMoments(prior));
                family.summarize(result, List.of(t), "squared-norm test");
                return result.metric("statistic", t.statistic()).build();
            }
            case INDEPENDENCE: {
                List<TestResult> pairs = Multivariate.pairwiseCorrelations(latents.toArray(), d);
                family.summarize(result, pairs, "coordinate pairs");
                double max = pairs.stream().mapToDouble(t -> Math.abs(t.statistic())).max().orElse(Double.NaN);
                return result.metric("maxAbsCorrelation", max).build();
            }
            case HENZE_ZIRKLER: {
                TestResult t = Multivariate.henzeZirkler(firstRows(latents), d, simulation(input, 0));
                family.summarize(result, List.of(t), "Henze-Zirkler test");
                return result.metric("statistic", t.statistic()).build();
            }
            default: {
                double[] rows = firstRows(latents);
                TestResult skew = Multivariate.mardiaSkewness(rows, d, simulation(input, 0));
                TestResult kurt = Multivariate.mardiaKurtosis(rows, d, simulation(input, 1));
                List<TestResult> tests = new ArrayList<>(List.of(skew, kurt));
                family.summarize(result, tests, "Mardia tests");
                return result.metric("skewness", skew.statistic()).metric("kurtosis", kurt.statistic()).build();
            }
        }
    }

    /**
     * @return the Monte Carlo null of stream {@code index} of the check's seed: B = {@value MonteCarloNull#DEFAULT_DRAWS}
     *     standard normal samples, used up to {@value Multivariate#MONTE_CARLO_MAX_ROWS} rows
     */
    private static MonteCarloNull simulation(CheckInput input, int index) {
        return MonteCarloNull.of(NormalDistribution.of(0, 1), MonteCarloNull.DEFAULT_DRAWS, input.seed(index))
                .withMaxSampleSize(Multivariate.MONTE_CARLO_MAX_ROWS);
    }

    private double[] firstRows(Latents latents) {
        return latents.slice(0, Math.min(maxRows, latents.rows())).toArray();
    }

    private static double[] centered(Latents latents, Prior prior) {
        int d = prior.dimension();
        double[] rows = latents.toArray();
        for (int i = 0; i < rows.length; i++) {
            rows[i] -= prior.moments(i % d).mean();
        }
        return rows;
    }

    private static CentralMoments centeredMoments(Prior prior) {
        CentralMoments m = prior.moments(0);
        return CentralMoments.of(0, m.mu2(), m.mu4(), m.mu6(), m.mu8());
    }

    /**
     * Provides one kind of this check with {@code alpha} and {@code correction}, and for the O(n² d)
     * kinds ({@code mardia}, {@code henze-zirkler}) {@code max_rows}.
     */
    private abstract static class KindProvider implements CheckProvider {
        private final Kind kind;

        KindProvider(Kind kind) {
            this.kind = kind;
        }

        @Override
        public String type() {
            return kind.type;
        }

        @Override
        public Check create(String id, Options options) {
            boolean quadratic = kind == Kind.MARDIA || kind == Kind.HENZE_ZIRKLER;
            return new LatentMultivariateCheck(id, kind, DimensionTests.from(options),
                    quadratic ? options.integer("max_rows", DEFAULT_MARDIA_ROWS, 10) : 0);
        }
    }

    /** Provides {@code type: latent-norm}. */
    public static final class NormProvider extends KindProvider {
        /** The provider, for {@link java.util.ServiceLoader}. */
        public NormProvider() {
            super(Kind.NORM);
        }
    }

    /** Provides {@code type: latent-independence}. */
    public static final class IndependenceProvider extends KindProvider {
        /** The provider, for {@link java.util.ServiceLoader}. */
        public IndependenceProvider() {
            super(Kind.INDEPENDENCE);
        }
    }

    /** Provides {@code type: mardia}. */
    public static final class MardiaProvider extends KindProvider {
        /** The provider, for {@link java.util.ServiceLoader}. */
        public MardiaProvider() {
            super(Kind.MARDIA);
        }
    }

    /** Provides {@code type: henze-zirkler}. */
    public static final class HenzeZirklerProvider extends KindProvider {
        /** The provider, for {@link java.util.ServiceLoader}. */
        public HenzeZirklerProvider() {
            super(Kind.HENZE_ZIRKLER);
        }
    }
}
