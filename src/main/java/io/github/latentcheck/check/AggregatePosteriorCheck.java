package io.github.latentcheck.check;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.data.Latents;
import io.github.latentcheck.encoder.Posterior;
import io.github.latentcheck.encoder.PosteriorStatistics;
import io.github.latentcheck.prior.Prior;
import io.github.latentcheck.spec.Options;
import io.github.latentcheck.stats.TestResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * {@code aggregate-posterior}: does the encoder's aggregate posterior \(q(z) = E_x\, q(z \mid x)\)
 * match the prior? The check encodes the data rows (held out by default), draws one
 * \(z_i \sim q(z \mid x_i)\) per row ({@link Posterior#draw}, seeded by the check's seed: draws, not
 * the means \(\mu_i\), which are under-dispersed by \(E_x\sigma^2\)), and runs the latent checks named
 * in {@code tests} (default {@code [latent-ks, latent-norm]}; any of latent-ks, latent-ad,
 * latent-cvm, moments, latent-norm, latent-independence, mardia, henze-zirkler, with their default
 * options) on the draws as if they were the run's latents. The rows are a sample of the data, so the
 * draws are a sample of q(z), and every test keeps its level under \(q = p\). Their p-values form one
 * family, corrected together ({@code correction}, Holm by default, at {@code alpha}, default 0.05); the
 * check fails when an adjusted p-value is below alpha.
 *
 * <p>It also reports the KL divergence of each unit's posterior from the prior's marginal, averaged
 * over the rows, in closed form ({@link PosteriorStatistics#klPerDimension}): {@code kl}, their sum
 * (the KL term of the ELBO), and {@code maxUnitKl}. A per-unit table ({@code unit}, {@code kl},
 * {@code meanVariance} \(= \bar\sigma^2_u\), {@code drawVariance}, the variance of the draws) and a
 * chart of the KL per unit go in the report. Gaussian priors only (for the closed form).
 *
 * <p>Metrics: {@code tests}, {@code rejected}, {@code minPValue}, {@code minAdjustedPValue},
 * {@code rows}, {@code kl}, {@code maxUnitKl}.
 *
 * <p>References: Kingma and Welling (2014), arXiv:1312.6114; Rosca, Lakshminarayanan and Mohamed
 * (2018), Distribution matching in variational inference, arXiv:1802.06847; Hoffman and Johnson (2016),
 * ELBO surgery, NIPS workshop on approximate inference (the aggregate posterior).
 */
public final class AggregatePosteriorCheck implements Check {
    private static final Set<String> TESTS = Set.of("latent-ks", "latent-ad", "latent-cvm", "moments", "latent-norm",
            "latent-independence", "mardia", "henze-zirkler");
    private final String id;
    private final List<Check> inner;
    private final DimensionTests family;
    private final EncodedRows.Rows rows;

    private AggregatePosteriorCheck(String id, List<Check> inner, DimensionTests family, EncodedRows.Rows rows) {
        this.id = id;
        this.inner = inner;
        this.family = family;
        this.rows = rows;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String type() {
        return "aggregate-posterior";
    }

    @Override
    public Set<String> metricNames() {
        return DimensionTests.metricsWith("rows", "kl", "maxUnitKl");
    }

    @Override
    public Set<Requirement> requirements() {
        return Set.of(Requirement.ENCODER, Requirement.PRIOR_REFERENCE, rows.requirement());
    }

    /** @return {@code rejected == 0}: no test of the draws rejects after the correction */
    @Override
    public List<String> criteria() {
        return List.of(id + ".rejected == 0");
    }

    @Override
    public void validate(Prior prior) {
        for (int u = 0; u < prior.dimension(); u++) {
            if (!(prior.marginal(u) instanceof NormalDistribution)) {
                throw new InvalidInputException("the KL divergence is computed in closed form for Gaussian priors; "
                        + prior.description() + " is not one");
            }
        }
        inner.forEach(c -> c.validate(prior));
    }

    @Override
    public CheckResult run(CheckInput input) {
        Posterior q = EncodedRows.encode(input, id, rows);
        Prior prior = input.prior();
        Latents z = q.draw(input.seed(0));
        List<TestResult> raw = new ArrayList<>();
        for (int k = 0; k < inner.size(); k++) {
            Check check = inner.get(k);
            CheckInput draws = CheckInput.of(prior, z, z.toSamples(), null, null, input.seed(k + 1), input.threads());
            for (TestResult t : check.run(draws).tests()) {
                raw.add(t.withName(check.type() + ": " + t.name()));
            }
        }
        double[] kl = PosteriorStatistics.klPerDimension(q, prior);
        int d = q.dimension();
        long[] unit = new long[d];
        double[] meanVariance = new double[d];
        double[] drawVariance = new double[d];
        double total = 0;
        double max = 0;
        for (int u = 0; u < d; u++) {
            unit[u] = u;
            total += kl[u];
            max = Math.max(max, kl[u]);
            double s = 0;
            for (int i = 0; i < q.rows(); i++) {
                s += Math.exp(q.logVariance(i, u));
            }
            meanVariance[u] = s / q.rows();
            drawVariance[u] = variance(z.column(u));
        }
        CheckResult.Builder result = family.summarize(CheckResult.builder(this), raw,
                "tests of " + q.rows() + " draws from the aggregate posterior");
        return result.metric("rows", q.rows())
                .metric("kl", total)
                .metric("maxUnitKl", max)
                .chart(EncodedRows.perUnit("KL(q(z_u|x) || p(z_u)) of each latent unit, averaged over rows",
                        "KL (nats)", kl, Double.NaN, "Chart of the mean KL divergence of each latent unit's "
                                + "posterior from the prior; units near 0 have collapsed onto the prior. Sum: "
                                + total + " nats."))
                .sampleTable(SampleTable.builder().column("unit", unit).column("kl", kl)
                        .column("meanVariance", meanVariance).column("drawVariance", drawVariance).build())
                .build();
    }

    private static double variance(double[] x) {
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= x.length;
        double ss = 0;
        for (double v : x) {
            ss += (v - mean) * (v - mean);
        }
        return x.length > 1 ? ss / (x.length - 1) : Double.NaN;
    }

    /**
     * Provides {@code type: aggregate-posterior} with {@code tests} (latent check types), {@code alpha},
     * {@code correction} and {@code rows}.
     */
    public static final class Provider implements CheckProvider {
        @Override
        public String type() {
            return "aggregate-posterior";
        }

        @Override
        public Check create(String id, Options options) {
            List<String> types = options.has("tests") ? options.strings("tests") : List.of("latent-ks", "latent-norm");
            List<Check> inner = new ArrayList<>();
            for (String type : types) {
                if (!TESTS.contains(type) || inner.stream().anyMatch(c -> c.type().equals(type))) {
                    throw new InvalidInputException(options.where("tests") + ": " + options.section() + ".tests: '"
                            + type + "' is " + (TESTS.contains(type) ? "named twice" : "not a latent check (known: "
                            + String.join(", ", new java.util.TreeSet<>(TESTS)) + ")"));
                }
                inner.add(Checks.create(Options.of(Map.of("type", type), options.section() + ".tests")));
            }
            if (inner.isEmpty()) {
                throw new InvalidInputException(options.where("tests") + ": " + options.section()
                        + ".tests is an empty list");
            }
            return new AggregatePosteriorCheck(id, List.copyOf(inner), DimensionTests.from(options),
                    EncodedRows.Rows.from(options));
        }
    }
}
