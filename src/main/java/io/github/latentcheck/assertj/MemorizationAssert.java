package io.github.latentcheck.assertj;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.check.CheckInput;
import io.github.latentcheck.check.CheckResult;
import io.github.latentcheck.check.MemorizationCheck;
import io.github.latentcheck.check.SampleTable;
import io.github.latentcheck.data.Samples;
import io.github.latentcheck.internal.concurrent.Tasks;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.assertj.core.api.AbstractAssert;

/**
 * The memorization audit of generated samples against their training data, reached through
 * {@link AbstractSamplesAssert#isNotMemorizedFrom(Samples)}: optionally give a holdout, then finish
 * with {@link #copyFractionAtMost(double)}. The copy fraction is the share of samples whose nearest
 * training row is less than a third as far as the second nearest (see {@link MemorizationCheck}). With
 * a holdout the verdict also asks the data-copying test (Meehan, Chaudhuri &amp; Dasgupta 2020): are the
 * samples closer to the training rows than held-out rows of the same distribution are?
 */
public final class MemorizationAssert extends AbstractAssert<MemorizationAssert, Samples> {
    private static final int SUSPECTS_SHOWN = 5;
    private final Samples training;
    private final Samples holdout;
    private final double alpha;
    private final long seed;
    private final String seedText;
    private final String reproduce;

    MemorizationAssert(Samples actual, Samples training, Samples holdout, double alpha, long seed, String seedText,
            String reproduce) {
        super(actual, MemorizationAssert.class);
        this.training = training;
        this.holdout = holdout;
        this.alpha = alpha;
        this.seed = seed;
        this.seedText = seedText;
        this.reproduce = reproduce;
    }

    /**
     * @param rows held-out rows of the training distribution, of the samples' dimension
     * @return a copy of this assertion whose verdict also asks the data-copying test against the holdout
     */
    public MemorizationAssert withHoldout(Samples rows) {
        return new MemorizationAssert(actual, training, rows, alpha, seed, seedText, reproduce);
    }

    /**
     * Asserts that at most a share {@code bound} of the samples are near-copies of training rows and,
     * when a holdout was given, that the data-copying test does not reject at the assertion's level
     * ({@code dataCopyingPValue} of the {@code memorization} check at least the level set by
     * {@link AbstractSamplesAssert#atLevel}, 0.01 by default).
     *
     * @param bound the largest acceptable copy fraction, in [0, 1]
     * @return this assertion
     */
    public MemorizationAssert copyFractionAtMost(double bound) {
        isNotNull();
        if (!(bound >= 0 && bound <= 1)) {
            throw new InvalidInputException("bound is not in [0, 1]: " + bound);
        }
        MemorizationCheck check = MemorizationCheck.withDefaults().with(holdout == null
                ? MemorizationCheck.HoldoutUse.NONE : MemorizationCheck.HoldoutUse.REQUIRED);
        CheckResult result = check.run(CheckInput.ofSamples(actual, training, holdout, seed, Tasks.defaultThreads()));
        double copyFraction = metric(result, "copyFraction");
        boolean copying = holdout != null && metric(result, "dataCopyingPValue") < alpha;
        if (copyFraction > bound || copying) {
            String against = holdout == null ? "" : String.format(Locale.ROOT, " and no closer to them than %d "
                    + "held-out rows (data-copying test at level %s)", holdout.rows(), Numbers.format(alpha));
            List<String> found = new ArrayList<>();
            if (copyFraction > bound) {
                found.add(Numbers.format(copyFraction) + " of them are near-copies (nearest training row under a "
                        + "third as far as the second)");
            }
            if (holdout != null) {
                found.add(String.format(Locale.ROOT, "the data-copying test gives Z = %s, p-value %.3g over %s cells "
                        + "(median distance to training %s, to holdout %s)", Numbers.format(metric(result,
                        "dataCopyingZ")), metric(result, "dataCopyingPValue"), Numbers.format(result.metric(
                        "dataCopyingCells").orElseThrow()), Numbers.format(metric(result, "dcrTrainMedian")),
                        Numbers.format(metric(result, "dcrHoldoutMedian"))));
            }
            throw failure("%nExpecting %d samples%s%nnot to be memorized from %d training rows: a copy fraction of at "
                    + "most %s%s%nbut %s;%nthe first suspects:%s%n%s", actual.rows(), seedText, training.rows(),
                    Numbers.format(bound), against, String.join(", and ", found), suspects(result), reproduce);
        }
        return this;
    }

    private static double metric(CheckResult result, String name) {
        return result.metric(name).orElseThrow().doubleValue();
    }

    private static String suspects(CheckResult result) {
        SampleTable table = result.sampleTable().orElseThrow();
        StringBuilder out = new StringBuilder();
        for (int r = 0; r < Math.min(SUSPECTS_SHOWN, table.rows()); r++) {
            out.append(String.format(Locale.ROOT, "%n  sample %d: training row %d at distance %.4g (ratio %.3g)",
                    table.value("sample", r).longValue(), table.value("trainingRow", r).longValue(),
                    table.value("dcrTraining", r).doubleValue(), table.value("ratio", r).doubleValue()));
        }
        return out.toString();
    }
}
