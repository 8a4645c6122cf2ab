package io.github.latentcheck.check;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.chart.Chart;
import io.github.latentcheck.chart.ImageGrid;
import io.github.latentcheck.chart.Series;
import io.github.latentcheck.data.Samples;
import io.github.latentcheck.encoder.Posterior;
import io.github.latentcheck.encoder.PosteriorStatistics;
import io.github.latentcheck.internal.concurrent.Tasks;
import io.github.latentcheck.prior.GaussianPrior;
import io.github.latentcheck.prior.Prior;
import io.github.latentcheck.spec.Options;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code prior-holes}: where does the prior put mass that the encoder never uses? For the first
 * {@code draws} latents of the run (draws from the prior, default 1000) the check compares the
 * aggregate posterior's log density, the mixture of the encoder's Gaussians over the encoded rows
 * ({@link PosteriorStatistics#aggregateLogDensity}, log-sum-exp), with the prior's
 * ({@link PosteriorStatistics#priorLogDensity}):
 * \[ r(z) = \log q(z) - \log p(z). \]
 * A draw is in a hole when \(r(z) &lt; \log\tau\), that is when the aggregate posterior density is
 * below \(\tau\) times the prior's ({@code ratio} τ, default 0.01): the decoder was never trained on
 * such latents, yet the prior hands them to it (Rosca, Lakshminarayanan and Mohamed 2018). When the
 * outputs are images, the decoded draws with the lowest r go into a gallery ({@code gallery}, default
 * 16), beside the same number of draws with the highest r; they are the run's own samples, so no
 * extra decoding is needed.
 *
 * <p>Even a perfect encoder leaves some holes at a finite number of rows n: q is then a mixture of n
 * narrow Gaussians, not q(z) itself, so the share is a property of the model and of n together;
 * compare models at the same n. Priors with independent coordinates only (gaussian, uniform,
 * truncated), whose density is the product of their marginals.
 *
 * <p>Metrics: {@code draws}, {@code rows} (n), {@code holes}, {@code holeFraction},
 * {@code medianLogRatio}, {@code minLogRatio}. A per-draw table ({@code draw}, {@code logPosterior},
 * {@code logPrior}, {@code logRatio}) and a histogram of r go in the report. No verdict of its own:
 * gate it, e.g. {@code prior-holes.holeFraction <= 0.2}.
 *
 * <p>Reference: Rosca, M., Lakshminarayanan, B. and Mohamed, S. (2018). Distribution matching in
 * variational inference. arXiv:1802.06847.
 */
public final class PriorHolesCheck implements Check {
    private static final List<String> METRICS = List.of("draws", "rows", "holes", "holeFraction", "medianLogRatio",
            "minLogRatio");
    private static final Set<String> INDEPENDENT = Set.of("gaussian", "uniform", "truncated");
    private final String id;
    private final int draws;
    private final double ratio;
    private final int gallery;
    private final EncodedRows.Rows rows;

    private PriorHolesCheck(String id, int draws, double ratio, int gallery, EncodedRows.Rows rows) {
        this.id = id;
        this.draws = draws;
        this.ratio = ratio;
        this.gallery = gallery;
        this.rows = rows;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String type() {
        return "prior-holes";
    }

    @Override
    public Set<String> metricNames() {
        return new LinkedHashSet<>(METRICS);
    }

    @Override
    public Set<Requirement> requirements() {
        return Set.of(Requirement.ENCODER, Requirement.PRIOR_REFERENCE, rows.requirement());
    }

    @Override
    public void validate(Prior prior) {
        if (!INDEPENDENT.contains(prior.type())) {
            throw new InvalidInputException("the prior's density is taken as the product of its marginals, which "
                    + "holds for gaussian, uniform and truncated priors, not " + prior.type());
        }
        if (prior instanceof GaussianPrior gaussian && !gaussian.hasIndependentCoordinates()) {
            throw new InvalidInputException("the prior's density is taken as the product of its marginals, which "
                    + "does not hold for a gaussian prior with correlated coordinates (a covariance or cholesky "
                    + "with entries off the diagonal)");
        }
    }

    @Override
    public CheckResult run(CheckInput input) {
        Posterior q = EncodedRows.encode(input, id, rows);
        Prior prior = input.prior();
        int m = Math.min(draws, input.latents().rows());
        double[] logQ = new double[m];
        double[] logP = new double[m];
        double[] r = new double[m];
        long[] index = new long[m];
        Tasks.run(m, input.threads(), j -> {
            double[] z = input.latents().row(j);
            logQ[j] = PosteriorStatistics.aggregateLogDensity(q, z);
            logP[j] = PosteriorStatistics.priorLogDensity(prior, z);
            r[j] = logQ[j] - logP[j];
            index[j] = j;
        });
        double threshold = Math.log(ratio);
        long holes = Arrays.stream(r).filter(v -> v < threshold).count();
        double[] sorted = r.clone();
        Arrays.sort(sorted);
        CheckResult.Builder result = CheckResult.builder(this)
                .metric("draws", m)
                .metric("rows", q.rows())
                .metric("holes", holes)
                .metric("holeFraction", (double) holes / m)
                .metric("medianLogRatio", MemorizationCheck.median(r))
                .metric("minLogRatio", sorted[0])
                .chart(histogram(sorted, threshold))
                .sampleTable(SampleTable.builder().column("draw", index).column("logPosterior", logQ)
                        .column("logPrior", logP).column("logRatio", r).build());
        Samples samples = input.samples();
        if (samples.imageShape().length == 2 && gallery > 0) {
            result.imageGrid(gallery(samples, r, m));
        }
        return result.build();
    }

    private Chart histogram(double[] sorted, double threshold) {
        double low = Math.min(sorted[0], threshold);
        double high = Math.max(sorted[sorted.length - 1], 0);
        return Chart.of("log q(z) - log p(z) at prior draws", "log density ratio r(z) (nats)", "density")
                .with(Series.histogram("prior draws", sorted, low, high > low ? high : low + 1, 40))
                .withAltText("Histogram of the log ratio of aggregate posterior to prior density at " + sorted.length
                        + " prior draws; draws left of " + String.format(Locale.ROOT, "%.3g", threshold)
                        + " (ratio " + ratio + ") are holes.");
    }

    private ImageGrid gallery(Samples samples, double[] r, int m) {
        int[] shape = samples.imageShape();
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < m; j++) {
            for (double v : samples.row(j)) {
                low = Math.min(low, v);
                high = Math.max(high, v);
            }
        }
        Integer[] order = new Integer[m];
        for (int j = 0; j < m; j++) {
            order[j] = j;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer j) -> r[j]).thenComparingInt(j -> j));
        int shown = Math.min(gallery, m);
        ImageGrid grid = ImageGrid.of("Decoded prior draws in the deepest holes, and the best-covered draws", shape[0],
                shape[1], low, high > low ? high : low + 1);
        grid = grid.with(new ImageGrid.Row("deepest holes", images(samples, r, order, 0, shown)));
        grid = grid.with(new ImageGrid.Row("best covered", images(samples, r, order, m - shown, m)));
        return grid.withAltText("The decoded prior draws with the lowest aggregate-posterior to prior density ratio "
                + "(first row) and with the highest (second row), each captioned with its log ratio.");
    }

    private static List<ImageGrid.Image> images(Samples samples, double[] r, Integer[] order, int from, int to) {
        List<ImageGrid.Image> images = new ArrayList<>();
        for (int k = from; k < to; k++) {
            int j = order[k];
            images.add(new ImageGrid.Image(String.format(Locale.ROOT, "#%d r=%.3g", j, r[j]), samples.row(j)));
        }
        return images;
    }

    /** Provides {@code type: prior-holes} with {@code draws}, {@code ratio}, {@code gallery} and {@code rows}. */
    public static final class Provider implements CheckProvider {
        @Override
        public String type() {
            return "prior-holes";
        }

        @Override
        public Check create(String id, Options options) {
            int draws = options.integer("draws", 1000, 1);
            double ratio = options.number("ratio", 0.01);
            if (!(ratio > 0 && ratio < 1)) {
                throw new InvalidInputException(options.where("ratio") + ": " + options.section()
                        + ".ratio is not in (0, 1): " + ratio);
            }
            int gallery = options.integer("gallery", 16, 0);
            return new PriorHolesCheck(id, draws, ratio, gallery, EncodedRows.Rows.from(options));
        }
    }
}
