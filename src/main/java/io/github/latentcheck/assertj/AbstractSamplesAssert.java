package io.github.latentcheck.assertj;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.check.CheckInput;
import io.github.latentcheck.check.CheckResult;
import io.github.latentcheck.check.ModeCoverageCheck;
import io.github.latentcheck.data.Latents;
import io.github.latentcheck.data.Samples;
import io.github.latentcheck.internal.data.RowDraws;
import io.github.latentcheck.modes.GaussianMixture;
import io.github.latentcheck.prior.LatentReference;
import io.github.latentcheck.prior.Prior;
import io.github.latentcheck.stats.MultipleTesting;
import io.github.latentcheck.stats.Multivariate;
import io.github.latentcheck.stats.Permutations;
import io.github.latentcheck.stats.TestResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.commons.statistics.distribution.ContinuousDistribution;
import org.assertj.core.api.AbstractAssert;

/**
 * Distribution assertions on a matrix of samples, one test per column and a multiple-testing
 * correction across the columns. Configure first, then assert:
 * {@code assertThat(z).atLevel(0.01).withCorrection(HOLM).followsPrior(prior)}.
 *
 * <p>Defaults: level 0.01, the Holm correction, the Kolmogorov–Smirnov test per column, 999
 * permutations (for the Anderson–Darling two-sample test and {@link #hasSameJointDistributionAs}), the
 * energy test on at most 500 rows per side for {@link #hasSameJointDistributionAs}, the seed from
 * {@code -Dlatentcheck.seed} when set. Every setting applies to every assertion it names; the level also
 * applies to {@link #coversModes} and {@link #isNotMemorizedFrom}.
 *
 * @param <SELF> the concrete assert type
 * @param <ACTUAL> the type of the samples
 */
public abstract class AbstractSamplesAssert<SELF extends AbstractSamplesAssert<SELF, ACTUAL>, ACTUAL>
        extends AbstractAssert<SELF, ACTUAL> {
    /** The most rows per side {@link #hasSameJointDistributionAs} tests, as the {@code mmd} and {@code energy} checks. */
    public static final int DEFAULT_MAX_ROWS = 500;
    private double alpha = 0.01;
    private MultipleTesting.Correction correction = MultipleTesting.Correction.HOLM;
    private UnivariateTest test = UnivariateTest.KS;
    private Long seed = Long.getLong(LatentAssertions.SEED_PROPERTY);
    private MultivariateTest jointTest = MultivariateTest.ENERGY;
    private int permutations = Permutations.DEFAULT_PERMUTATIONS;
    private int maxRows = DEFAULT_MAX_ROWS;

    /**
     * @param actual the samples
     * @param selfType the concrete assert class
     */
    protected AbstractSamplesAssert(ACTUAL actual, Class<?> selfType) {
        super(actual, selfType);
    }

    /** @return the number of rows */
    protected abstract int rows();

    /** @return the number of columns */
    protected abstract int columns();

    /**
     * @param c a column index
     * @return its values
     */
    protected abstract double[] column(int c);

    /**
     * @param c a column index
     * @return its name
     */
    protected abstract String columnName(int c);

    /** @return what the samples are, for messages, e.g. "latents" */
    protected abstract String noun();

    /**
     * @param level the significance level of the family, in (0, 1)
     * @return this assertion
     */
    public SELF atLevel(double level) {
        if (!(level > 0 && level < 1)) {
            throw new InvalidInputException("level is not in (0, 1): " + level);
        }
        this.alpha = level;
        return myself;
    }

    /**
     * @param c the multiple-testing correction across a family: the columns, the tests of
     *     {@link #followsPriorJointly}, the modes of {@code coversModes(…).inProportion()}
     * @return this assertion
     */
    public SELF withCorrection(MultipleTesting.Correction c) {
        this.correction = c;
        return myself;
    }

    /**
     * @param t the test applied to each column: one-sample by {@link #followsPrior},
     *     {@link #followsPriorJointly} and {@link #hasMarginalsDistributedAs}, two-sample by
     *     {@link #hasSameDistributionAs}
     * @return this assertion
     */
    public SELF usingTest(UnivariateTest t) {
        this.test = t;
        return myself;
    }

    /**
     * @param t the multivariate test {@link #hasSameJointDistributionAs} applies
     * @return this assertion
     */
    public SELF usingJointTest(MultivariateTest t) {
        this.jointTest = t;
        return myself;
    }

    /**
     * @param count the permutations behind the p-values of {@link #hasSameJointDistributionAs} and of the
     *     Anderson–Darling two-sample test, at least 1
     * @return this assertion
     */
    public SELF withPermutations(int count) {
        if (count < 1) {
            throw new InvalidInputException("permutations is not at least 1: " + count);
        }
        this.permutations = count;
        return myself;
    }

    /**
     * @param count the most rows per side {@link #hasSameJointDistributionAs} tests (each permutation costs
     *     O(N²)), at least 2
     * @return this assertion
     */
    public SELF withMaxRows(int count) {
        if (count < 2) {
            throw new InvalidInputException("maxRows is not at least 2: " + count);
        }
        this.maxRows = count;
        return myself;
    }

    /**
     * @param s the seed the samples were drawn with, quoted in failure messages
     * @return this assertion
     */
    public SELF withSeed(long s) {
        this.seed = s;
        return myself;
    }

    /**
     * Asserts that column j follows the prior's marginal j, for every j.
     *
     * @param prior the prior, of dimension {@link #columns()}
     * @return this assertion
     */
    public SELF followsPrior(Prior prior) {
        isNotNull();
        if (prior.dimension() != columns()) {
            throw failure("%nExpecting %s with %d columns%nto follow %s%nbut the prior has dimension %d", noun(),
                    columns(), prior.description(), prior.dimension());
        }
        return assertMarginals(prior.description(), prior::marginal);
    }

    /**
     * Asserts that the rows follow the prior as vectors, not only coordinate by coordinate
     * ({@link #followsPrior} passes latents whose second coordinate copies the first). One family of
     * tests, corrected together ({@link #withCorrection}) at the level set by {@link #atLevel}:
     * <ul>
     * <li>each column against the prior's marginal by the test set by {@link #usingTest}, as
     * {@link #followsPrior};</li>
     * <li>every pair of columns by Pearson's correlation, whose coordinates the priors draw independently
     * ({@link Multivariate#pairwiseCorrelations}, the tests of the {@code latent-independence} check);
     * under the sphere prior the coordinates are uncorrelated but not independent, and these tests are
     * conservative;</li>
     * <li>for a Gaussian prior, the squared norm against χ²_d ({@link Multivariate#normSquaredChiSquare},
     * the test of the {@code latent-norm} check).</li>
     * </ul>
     * The pairs and the norm are tested after the prior's {@link Prior#jointReference()} map, as the
     * multivariate checks do: a learned Gaussian N(μ, Σ) whitens the rows to \(L^{-1}(z - \mu)\) first.
     * These see dependence that shows in correlations or in the norm; for a test consistent against every
     * joint alternative compare with draws of the prior by {@link #hasSameJointDistributionAs}.
     *
     * @param prior the prior, of dimension {@link #columns()}; not a mixture, whose coordinates are dependent
     * @return this assertion
     * @throws IllegalArgumentException for a mixture prior
     */
    public SELF followsPriorJointly(Prior prior) {
        isNotNull();
        if (prior.dimension() != columns()) {
            throw failure("%nExpecting %s with %d columns%nto follow %s%nbut the prior has dimension %d", noun(),
                    columns(), prior.description(), prior.dimension());
        }
        if (prior.type().equals("mixture")) {
            throw new IllegalArgumentException("followsPriorJointly tests pair correlations, but a mixture prior's "
                    + "coordinates share their component and are not independent: compare with draws of the prior "
                    + "by hasSameJointDistributionAs");
        }
        List<TestResult> raw = marginalTests(prior::marginal);
        LatentReference joint = prior.jointReference();
        double[] rows = joint.apply(Latents.of(rowMajor().length / columns(), columns(), rowMajor())).toArray();
        String by = test + " tests of the columns" + (joint.isIdentity() ? "" : "; pairs and norm "
                + joint.mapDescription());
        if (joint.law().dimension() != columns()) {
            throw failure("%nExpecting %s%nto follow %s jointly%nbut its joint reference has dimension %d", noun(),
                    prior.description(), joint.law().dimension());
        }
        if (columns() >= 2) {
            List<TestResult> pairs = Multivariate.pairwiseCorrelations(rows, columns());
            int next = 0;
            for (int j = 0; j < columns(); j++) {
                for (int k = j + 1; k < columns(); k++) {
                    raw.add(pairs.get(next++).withName("corr(" + columnName(j) + ", " + columnName(k) + ")"));
                }
            }
            by += ", correlation tests of the pairs";
        }
        if (joint.law().type().equals("gaussian")) {
            raw.add(Multivariate.normSquaredChiSquare(rows, columns()).withName("squared norm"));
            by += ", a KS test of the squared norm against chi-squared";
        }
        return verdict(raw, "follow " + prior.description() + " jointly", by, "tests");
    }

    /**
     * Asserts that every column follows one distribution.
     *
     * @param distribution the distribution (Commons Statistics)
     * @return this assertion
     */
    public SELF hasMarginalsDistributedAs(ContinuousDistribution distribution) {
        isNotNull();
        return assertMarginals(distribution.getClass().getSimpleName() + " with mean " + distribution.getMean()
                + " and variance " + distribution.getVariance(), j -> distribution);
    }

    /**
     * Asserts that every column has the distribution of the same column of {@code other}, by
     * two-sample tests.
     *
     * @param other samples with as many columns
     * @return this assertion
     */
    public SELF hasSameDistributionAs(Samples other) {
        isNotNull();
        if (other.columns() != columns()) {
            throw failure("%nExpecting %s with %d columns%nto have the distribution of samples with %d columns",
                    noun(), columns(), other.columns());
        }
        List<TestResult> raw = new ArrayList<>();
        long s = seed == null ? 0 : seed;
        for (int c = 0; c < columns(); c++) {
            TestResult t = test.applyTwoSample(column(c), other.column(c), Permutations.of(permutations, s + c));
            raw.add(t.withName(columnName(c)));
        }
        return verdict(raw, "have the distribution of the other samples (" + other.rows() + " rows)",
                test + " two-sample tests", "columns");
    }

    /**
     * Asserts that the rows have the joint distribution of {@code other}'s rows, by one multivariate
     * two-sample test ({@link MultivariateTest#ENERGY} unless {@link #usingJointTest} says otherwise) at the
     * level set by {@link #atLevel}: where {@link #hasSameDistributionAs} compares each column's marginal,
     * this also sees dependence between columns (e.g. a rotation that keeps every marginal). At most
     * {@link #withMaxRows} rows per side (default {@value #DEFAULT_MAX_ROWS}) are drawn without replacement with the
     * seed (0 when none is given), as the {@code energy} and {@code mmd} checks do, and the p-value comes from
     * {@link #withPermutations} seeded permutations (default 999), so the same seed gives the same verdict.
     *
     * @param other samples with as many columns
     * @return this assertion
     */
    public SELF hasSameJointDistributionAs(Samples other) {
        isNotNull();
        if (other.columns() != columns()) {
            throw failure("%nExpecting %s with %d columns%nto have the joint distribution of samples with %d columns",
                    noun(), columns(), other.columns());
        }
        long s = seed == null ? 0 : seed;
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(s);
        double[] x = RowDraws.subsample(asSamples(), maxRows, rng);
        double[] y = RowDraws.subsample(other, maxRows, rng);
        int d = columns();
        TestResult t = jointTest.apply(x, y, d, Permutations.of(permutations, s));
        if (t.pValue() < alpha) {
            throw failure("%nExpecting %s (%d rows, %d columns%s)%nto have the joint distribution of the other samples "
                    + "(%d rows) by the %s permutation test at level %s%n(%d and %d rows drawn with seed %d, %d "
                    + "permutations)%nbut it was rejected: statistic %.4g, p-value %.3g%n%s", noun(), rows(), columns(),
                    seedText(), other.rows(), jointTest, alpha, x.length / d, y.length / d, s, permutations,
                    t.statistic(), t.pValue(), reproduce());
        }
        return myself;
    }

    /**
     * Computes the samples' coverage of known modes (nearest mode by Mahalanobis distance, high
     * quality within 3 standard deviations; the {@code mode-coverage} check with the level set by
     * {@link #atLevel}); finish with {@code .all()}, {@code .atLeast(n)} or {@code .inProportion()}.
     *
     * @param modes the modes, of the samples' dimension
     * @return assertions on the coverage
     */
    public ModeCoverageAssert coversModes(GaussianMixture modes) {
        isNotNull();
        CheckResult result = ModeCoverageCheck.of("mode-coverage", modes).withAlpha(alpha)
                .run(CheckInput.ofSamples(asSamples(), null, null, seed == null ? 0 : seed, 1));
        return new ModeCoverageAssert(result, modes, alpha, correction, seedNote(), reproduce());
    }

    /**
     * Starts a memorization audit of the samples against their training data; give a holdout with
     * {@code .withHoldout(rows)} and finish with {@code .copyFractionAtMost(x)}. With a holdout the
     * data-copying test runs too, at the level set by {@link #atLevel}.
     *
     * @param training the training rows, of the samples' dimension
     * @return assertions on memorization
     */
    public MemorizationAssert isNotMemorizedFrom(Samples training) {
        isNotNull();
        return new MemorizationAssert(asSamples(), training, null, alpha, seed == null ? 0 : seed, seedNote(),
                reproduce());
    }

    /** @return the samples as {@link Samples}, rounded to float where they are latents */
    protected abstract Samples asSamples();

    private SELF assertMarginals(String reference, IntFunction<ContinuousDistribution> marginal) {
        return verdict(marginalTests(marginal), "follow " + reference, test + " tests", "columns");
    }

    private List<TestResult> marginalTests(IntFunction<ContinuousDistribution> marginal) {
        List<TestResult> raw = new ArrayList<>();
        for (int c = 0; c < columns(); c++) {
            TestResult t = test.apply(column(c), marginal.apply(c));
            raw.add(t.withName(columnName(c)));
        }
        return raw;
    }

    private double[] rowMajor() {
        int d = columns();
        double[] rows = new double[rows() * d];
        for (int c = 0; c < d; c++) {
            double[] values = column(c);
            for (int r = 0; r < values.length; r++) {
                rows[r * d + c] = values[r];
            }
        }
        return rows;
    }

    /**
     * @param raw the family's tests, with their raw p-values
     * @param expectation what the samples are expected to do, after "to"
     * @param by the tests, after "by"
     * @param unit what the family's members are, plural ("columns", "tests")
     */
    private SELF verdict(List<TestResult> raw, String expectation, String by, String unit) {
        double[] adjusted = MultipleTesting.adjust(correction,
                raw.stream().mapToDouble(TestResult::pValue).toArray());
        StringBuilder rejected = new StringBuilder();
        int count = 0;
        for (int i = 0; i < raw.size(); i++) {
            if (adjusted[i] < alpha) {
                count++;
                TestResult t = raw.get(i);
                rejected.append(String.format(Locale.ROOT, "%n  %s: statistic %.4g, p-value %.3g, adjusted p-value %.3g",
                        t.name(), t.statistic(), t.pValue(), adjusted[i]));
            }
        }
        if (count > 0) {
            String singular = unit.substring(0, unit.length() - 1);
            throw failure("%nExpecting %s (%d rows, %d columns%s)%nto %s by %s at level %s (%s over %d %s)"
                    + "%nbut %d %s rejected:%s%n%s", noun(), rows(), columns(), seedText(), expectation, by,
                    alpha, correction, raw.size(), unit, count, count == 1 ? singular + " was" : unit + " were",
                    rejected, reproduce());
        }
        return myself;
    }

    private String seedText() {
        return seed == null ? "" : "; seed " + seed;
    }

    private String seedNote() {
        return seed == null ? "" : " (seed " + seed + ")";
    }

    private String reproduce() {
        return seed == null ? "Give the seed with withSeed(…) to have it quoted here."
                : "Reproduce with -D" + LatentAssertions.SEED_PROPERTY + "=" + seed;
    }
}
