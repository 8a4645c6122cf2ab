package io.github.latentcheck.check;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.chart.Chart;
import io.github.latentcheck.chart.ImageGrid;
import io.github.latentcheck.chart.Series;
import io.github.latentcheck.data.Latents;
import io.github.latentcheck.data.Samples;
import io.github.latentcheck.generator.Generator;
import io.github.latentcheck.knn.NearestNeighborSearch;
import io.github.latentcheck.knn.Neighbors;
import io.github.latentcheck.prior.LatentSampler;
import io.github.latentcheck.prior.Prior;
import io.github.latentcheck.spec.Options;
import io.github.latentcheck.stats.PValueMethod;
import io.github.latentcheck.stats.TestResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.commons.statistics.inference.AlternativeHypothesis;
import org.apache.commons.statistics.inference.FisherExactTest;
import org.apache.commons.statistics.inference.SignificanceResult;

/**
 * {@code interpolation}: does the generator snap onto training rows between its samples? A generator
 * is continuous, so the outputs along a latent path between two draws should move through images
 * that are not in the training set; a memorizing one jumps from copy to copy. The check draws
 * {@code pairs} latent pairs (a, b) from the prior (seeded by the check's seed), walks
 * {@code steps} evenly spaced points from a to b, generates them with a fresh generator, and scores
 * every output by the nearest-neighbour ratio \(d_1/d_2\) against the training rows and by its
 * distance to the nearest held-out row.
 *
 * <p>Paths: linear, \(z(t) = (1-t)a + tb\), for uniform priors; spherical (slerp) otherwise,
 * \(z(t) = \frac{\sin((1-t)\Omega)}{\sin\Omega}a + \frac{\sin(t\Omega)}{\sin\Omega}b\),
 * \(\cos\Omega = a\cdot b/(|a||b|)\), which keeps the norm typical of a Gaussian prior instead of
 * passing near the origin (White 2016); the option {@code path} (auto, lerp, slerp) overrides.
 *
 * <p>Metrics: {@code paths}, {@code stepsPerPath}; {@code snapFraction}, the share of all outputs with
 * \(d_1/d_2 &lt; 1/3\) (the memorization check's copy criterion); {@code interiorSnapFraction}, the same
 * over the steps strictly between the end points; {@code medianTrainingDistance} and
 * {@code medianHoldoutDistance}, the medians of \(d_1\) and of the distance to the nearest held-out row.
 *
 * <p><b>Verdict.</b> Real data snaps too: a held-out row can lie closer to one training row than a
 * third of its distance to the next. {@code holdoutSnapFraction} is that share of the held-out rows,
 * computed the same way against the training rows. The check fails when the interior steps snap
 * more often than the held-out rows: Fisher's exact test, one-sided (greater), of the 2 × 2 table
 * (interior snaps, interior non-snaps; held-out snaps, held-out non-snaps), the test
 * {@code interior-snap-excess} with metric {@code snapExcessPValue}, rejects at {@code alpha}
 * (default 0.01). Fisher's test conditions on the margins, so its p-value is exact (and conservative
 * at small counts).
 *
 * <p>Reference: White, T. (2016). Sampling generative networks. arXiv:1609.04468.
 */
public final class InterpolationCheck implements Check {
    private static final List<String> METRICS = List.of("paths", "stepsPerPath", "snapFraction",
            "interiorSnapFraction", "holdoutSnapFraction", "snapExcessPValue", "medianTrainingDistance",
            "medianHoldoutDistance");
    private static final int PATHS_CHARTED = 5;

    /** How latents are joined. */
    public enum Path {
        /** Linear for uniform priors, spherical otherwise. */
        AUTO,
        /** Linear interpolation. */
        LERP,
        /** Spherical linear interpolation. */
        SLERP
    }

    private final String id;
    private final int pairs;
    private final int steps;
    private final Path path;
    private final int[] imageShape;
    private final double alpha;

    private InterpolationCheck(String id, int pairs, int steps, Path path, int[] imageShape, double alpha) {
        this.id = id;
        this.pairs = pairs;
        this.steps = steps;
        this.path = path;
        this.imageShape = imageShape;
        this.alpha = alpha;
    }

    /**
     * Defaults: id {@code interpolation}, 16 pairs, 9 steps per path (end points included), the path
     * chosen by the prior, no image shape, alpha 0.01.
     *
     * @return the check with defaults
     */
    public static InterpolationCheck withDefaults() {
        return new InterpolationCheck("interpolation", 16, 9, Path.AUTO, new int[0], 0.01);
    }

    /** @return {@code snapExcessPValue >= alpha}: the interior steps snap no more often than held-out rows */
    @Override
    public List<String> criteria() {
        return List.of(id + ".snapExcessPValue >= " + alpha);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String type() {
        return "interpolation";
    }

    @Override
    public Set<String> metricNames() {
        return new LinkedHashSet<>(METRICS);
    }

    /** Interpolation calls the generator itself and reads its outputs. */
    @Override
    public Space defaultSpace() {
        return Space.RAW;
    }

    @Override
    public Set<Requirement> requirements() {
        return Set.of(Requirement.TRAINING, Requirement.HOLDOUT, Requirement.GENERATOR);
    }

    @Override
    public CheckResult run(CheckInput input) {
        Prior prior = input.prior();
        Generator generator = input.generator().orElseThrow(() -> new InvalidInputException(
                "check '" + id + "' needs the generator"));
        Samples training = input.requireTraining();
        Samples holdout = input.holdout().orElseThrow(() -> new InvalidInputException(
                "check '" + id + "' needs data.holdout"));
        if (training.rows() < 2) {
            throw new InvalidInputException("check '" + id + "' needs at least 2 training rows: " + training.rows());
        }
        Latents ends = LatentSampler.sample(prior, 2 * pairs, input.seed(), 1);
        boolean spherical = path == Path.SLERP || path == Path.AUTO && !prior.type().equals("uniform");
        int d = prior.dimension();
        double[] walk = new double[pairs * steps * d];
        for (int p = 0; p < pairs; p++) {
            double[] a = ends.row(2 * p);
            double[] b = ends.row(2 * p + 1);
            for (int s = 0; s < steps; s++) {
                double[] z = point(a, b, (double) s / (steps - 1), spherical);
                System.arraycopy(z, 0, walk, (p * steps + s) * d, d);
            }
        }
        Samples outputs = generate(generator, Latents.ofOwned(pairs * steps, d, walk));
        if (outputs.columns() != training.columns() || holdout.columns() != training.columns()) {
            throw new InvalidInputException("check '" + id + "': the generator writes " + outputs.columns()
                    + " columns, the training data has " + training.columns() + " and the holdout data "
                    + holdout.columns());
        }
        NearestNeighborSearch search = NearestNeighborSearch.withDefaults().withThreads(input.threads());
        Neighbors toTraining = search.withK(2).search(outputs, training);
        double[] toHoldout = search.withK(1).search(outputs, holdout).distances(0);
        double[] d1 = toTraining.distances(0);
        long snaps = 0;
        long interiorSnaps = 0;
        for (int i = 0; i < d1.length; i++) {
            boolean snap = isSnap(d1[i], toTraining.distance(i, 1));
            int s = i % steps;
            snaps += snap ? 1 : 0;
            interiorSnaps += snap && s > 0 && s < steps - 1 ? 1 : 0;
        }
        Neighbors heldOut = search.withK(2).search(holdout, training);
        long holdoutSnaps = 0;
        for (int i = 0; i < holdout.rows(); i++) {
            holdoutSnaps += isSnap(heldOut.distance(i, 0), heldOut.distance(i, 1)) ? 1 : 0;
        }
        long interior = steps > 2 ? (long) pairs * (steps - 2) : 0;
        TestResult excess = snapExcess(interiorSnaps, interior, holdoutSnaps, holdout.rows());
        CheckResult.Builder result = CheckResult.builder(this)
                .passed(!excess.reject(alpha))
                .tests(List.of(excess))
                .metric("paths", pairs)
                .metric("stepsPerPath", steps)
                .metric("snapFraction", (double) snaps / d1.length)
                .metric("interiorSnapFraction", interior > 0 ? (double) interiorSnaps / interior : 0)
                .metric("holdoutSnapFraction", (double) holdoutSnaps / holdout.rows())
                .metric("snapExcessPValue", excess.pValue())
                .metric("medianTrainingDistance", MemorizationCheck.median(d1))
                .metric("medianHoldoutDistance", MemorizationCheck.median(toHoldout))
                .chart(pathChart("training", d1))
                .chart(pathChart("held-out", toHoldout));
        int[] shape = imageShape.length == 2 ? imageShape : outputs.imageShape();
        if (shape.length == 2) {
            result.imageGrid(gallery(shape, outputs, training, toTraining));
        }
        return result.build();
    }

    /** @return whether a row snaps: at distance 0 from a training row, or d1/d2 below 1/3 */
    private static boolean isSnap(double d1, double d2) {
        return d1 == 0 || d1 / d2 < MemorizationCheck.RATIO_THRESHOLD;
    }

    /**
     * Fisher's exact test, one-sided: do the interior steps snap more often than the held-out rows?
     * With no interior steps (two steps per path) there is nothing to test and p = 1.
     */
    private static TestResult snapExcess(long interiorSnaps, long interior, long holdoutSnaps, long holdout) {
        if (interior == 0) {
            return TestResult.of("interior-snap-excess", Double.NaN, 1, PValueMethod.EXACT);
        }
        SignificanceResult r = FisherExactTest.withDefaults().with(AlternativeHypothesis.GREATER_THAN)
                .test(new int[][] {{Math.toIntExact(interiorSnaps), Math.toIntExact(interior - interiorSnaps)},
                    {Math.toIntExact(holdoutSnaps), Math.toIntExact(holdout - holdoutSnaps)}});
        return TestResult.of("interior-snap-excess", r.getStatistic(), r.getPValue(), PValueMethod.EXACT);
    }

    private static double[] point(double[] a, double[] b, double t, boolean spherical) {
        double[] z = new double[a.length];
        double wa = 1 - t;
        double wb = t;
        if (spherical) {
            double dot = 0;
            double na = 0;
            double nb = 0;
            for (int j = 0; j < a.length; j++) {
                dot += a[j] * b[j];
                na += a[j] * a[j];
                nb += b[j] * b[j];
            }
            double omega = Math.acos(Math.max(-1, Math.min(1, dot / Math.sqrt(na * nb))));
            double sin = Math.sin(omega);
            if (sin > 1e-12) {
                wa = Math.sin((1 - t) * omega) / sin;
                wb = Math.sin(t * omega) / sin;
            }
        }
        for (int j = 0; j < a.length; j++) {
            z[j] = wa * a[j] + wb * b[j];
        }
        return z;
    }

    /** Generates in the generator's batches, refusing batches of another size (also used by {@code latent-usage}). */
    static Samples generate(Generator generator, Latents latents) {
        int n = latents.rows();
        int batch = Math.max(1, generator.batchSize());
        List<Samples> parts = new ArrayList<>();
        int columns = generator.outputDimension();
        for (int from = 0; from < n; from += batch) {
            int to = Math.min(n, from + batch);
            Samples part = generator.generate(latents.slice(from, to));
            if (part.rows() != to - from || part.columns() != columns) {
                throw new InvalidInputException("generator returned " + part.rows() + " x " + part.columns()
                        + " values for a batch of " + (to - from) + " latents; expected " + (to - from) + " x "
                        + columns);
            }
            parts.add(part);
        }
        return Samples.stack(parts);
    }

    private Chart pathChart(String set, double[] distances) {
        Chart chart = Chart.of("Distance to the nearest " + set + " row along latent paths", "t (0 = a, 1 = b)",
                "Euclidean distance");
        for (int p = 0; p < Math.min(PATHS_CHARTED, pairs); p++) {
            double[] t = new double[steps];
            double[] y = new double[steps];
            for (int s = 0; s < steps; s++) {
                t[s] = (double) s / (steps - 1);
                y[s] = distances[p * steps + s];
            }
            chart = chart.with(Series.of("path " + p, Series.Style.LINE, t, y));
        }
        return chart.withAltText("For the first " + Math.min(PATHS_CHARTED, pairs) + " latent paths, the distance of "
                + "each generated step to its nearest " + set + " row; a memorizing generator stays near 0 "
                + "against training rows and jumps between copies.");
    }

    private ImageGrid gallery(int[] shape, Samples outputs, Samples training, Neighbors toTraining) {
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (double v : training.toArray()) {
            low = Math.min(low, v);
            high = Math.max(high, v);
        }
        ImageGrid grid = ImageGrid.of("Generated steps along the first latent paths", shape[0], shape[1], low,
                high > low ? high : low + 1);
        for (int p = 0; p < Math.min(PATHS_CHARTED, pairs); p++) {
            ImageGrid.Image[] images = new ImageGrid.Image[steps];
            for (int s = 0; s < steps; s++) {
                int i = p * steps + s;
                images[s] = new ImageGrid.Image(String.format(Locale.ROOT, "t=%.2f, d1=%.2g", (double) s / (steps - 1),
                        toTraining.distance(i, 0)), outputs.row(i));
            }
            grid = grid.with(new ImageGrid.Row("path " + p, Arrays.asList(images)));
        }
        return grid.withAltText("The generated images along the first latent paths, left to right, each with its "
                + "distance to the nearest training row.");
    }

    /** Provides {@code type: interpolation} with {@code pairs}, {@code steps}, {@code path} and {@code image_shape}. */
    public static final class Provider implements CheckProvider {
        @Override
        public String type() {
            return "interpolation";
        }

        @Override
        public Check create(String id, Options options) {
            int pairs = options.integer("pairs", 16, 1);
            int steps = options.integer("steps", 9, 2);
            String name = options.string("path", "auto");
            Path path;
            try {
                path = Path.valueOf(name.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(options.where("path") + ": " + options.section()
                        + ".path is not one of auto, lerp, slerp: '" + name + "'", e);
            }
            int[] shape = options.integers("image_shape");
            if (shape.length != 0 && (shape.length != 2 || shape[0] < 1 || shape[1] < 1)) {
                throw new InvalidInputException(options.where("image_shape") + ": " + options.section()
                        + ".image_shape is not [height, width] with positive sizes: " + Arrays.toString(shape));
            }
            double alpha = options.number("alpha", 0.01);
            if (!(alpha > 0 && alpha < 1)) {
                throw new InvalidInputException(options.where("alpha") + ": " + options.section()
                        + ".alpha is not in (0, 1): " + alpha);
            }
            return new InterpolationCheck(id, pairs, steps, path, shape, alpha);
        }
    }
}
