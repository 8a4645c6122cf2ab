package io.github.latentcheck.check;

import io.github.latentcheck.chart.Chart;
import io.github.latentcheck.chart.Series;
import io.github.latentcheck.internal.coverage.Ndb;
import io.github.latentcheck.spec.Options;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code ndb}: the number of statistically different bins (Richardson and Weiss 2018,
 * arXiv:1805.12462) between the generated samples and the training data, with k-means bins fitted
 * on the training data and seeded from the check's seed; see {@link Ndb} for the bins, the
 * per-bin two-proportion z-tests and the Benjamini–Hochberg correction.
 *
 * <p>Metrics: {@code bins} (K), {@code differentBins}, {@code ndbFraction} (= differentBins / K)
 * and {@code jsDivergence} of the bin histograms. Passes when no bin differs.
 */
public final class NdbCheck implements Check {
    private final String id;
    private final Ndb ndb;
    private final double alpha;

    private NdbCheck(String id, Ndb ndb, double alpha) {
        this.id = id;
        this.ndb = ndb;
        this.alpha = alpha;
    }

    /**
     * @param id the name gates use
     * @param bins the most bins (default 50)
     * @param alpha the level of the adjusted per-bin tests (default 0.05)
     * @return the check
     */
    public static NdbCheck of(String id, int bins, double alpha) {
        return new NdbCheck(id, Ndb.withDefaults().withBins(bins).withAlpha(alpha), alpha);
    }

    /** @return {@code differentBins == 0}: no bin differs at the adjusted level */
    @Override
    public List<String> criteria() {
        return List.of(id + ".differentBins == 0");
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String type() {
        return "ndb";
    }

    @Override
    public Set<String> metricNames() {
        return new LinkedHashSet<>(List.of("bins", "differentBins", "ndbFraction", "jsDivergence"));
    }

    @Override
    public Set<Requirement> requirements() {
        return Set.of(Requirement.TRAINING);
    }

    @Override
    public CheckResult run(CheckInput input) {
        Ndb.Result r = ndb.withSeed(input.seed()).withThreads(input.threads())
                .compute(input.requireTraining(), input.samples());
        double[] x = new double[r.bins()];
        for (int b = 0; b < x.length; b++) {
            x[b] = b;
        }
        return CheckResult.builder(this)
                .passed(r.differentBins() == 0)
                .metric("bins", r.bins())
                .metric("differentBins", r.differentBins())
                .metric("ndbFraction", r.ndbFraction())
                .metric("jsDivergence", r.jsDivergence())
                .tests(r.tests())
                .correction("Benjamini–Hochberg over " + r.bins() + " bins at level " + alpha)
                .chart(Chart.of("Share of rows per k-means bin", "bin", "share of rows")
                        .with(Series.of("training", Series.Style.BAR, x, r.trainingShare()))
                        .with(Series.of("generated", Series.Style.BAR, x, r.generatedShare()))
                        .withAltText("Bars of the share of training and generated rows in each of the " + r.bins()
                                + " k-means bins fitted on the training data; " + r.differentBins()
                                + " bins differ significantly."))
                .build();
    }

    /** Provides {@code type: ndb} with {@code bins} (50) and {@code alpha} (0.05). */
    public static final class Provider implements CheckProvider {
        @Override
        public String type() {
            return "ndb";
        }

        @Override
        public Check create(String id, Options options) {
            return of(id, options.integer("bins", 50, 2), options.number("alpha", 0.05));
        }
    }
}
