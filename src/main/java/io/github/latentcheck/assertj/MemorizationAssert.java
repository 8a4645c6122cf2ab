package io.github.latentcheck.assertj;

import io.github.latentcheck.check.CheckInput;
import io.github.latentcheck.check.CheckResult;
import io.github.latentcheck.check.MemorizationCheck;
import io.github.latentcheck.check.SampleTable;
import io.github.latentcheck.concurrent.Tasks;
import io.github.latentcheck.data.Samples;
import java.util.Locale;
import org.assertj.core.api.AbstractAssert;

/**
 * The memorization audit of generated samples against their training data, reached through
 * {@link AbstractSamplesAssert#isNotMemorizedFrom(Samples)}: optionally give a holdout, then finish
 * with {@link #copyFractionAtMost(double)}. The copy fraction is the share of samples whose nearest
 * training row is less than a third as far as the second nearest (see {@link MemorizationCheck}).
 */
public final class MemorizationAssert extends AbstractAssert<MemorizationAssert, Samples> {
    private static final int SUSPECTS_SHOWN = 5;
    private final Samples training;
    private final Samples holdout;
    private final long seed;
    private final String seedText;

    MemorizationAssert(Samples actual, Samples training, Samples holdout, long seed, String seedText) {
        super(actual, MemorizationAssert.class);
        this.training = training;
        this.holdout = holdout;
        this.seed = seed;
        this.seedText = seedText;
    }

    /**
     * @param rows held-out rows of the training distribution, for the comparisons against them
     * @return a copy of this assertion that also audits against the holdout
     */
    public MemorizationAssert withHoldout(Samples rows) {
        return new MemorizationAssert(actual, training, rows, seed, seedText);
    }

    /**
     * Asserts that at most a share {@code bound} of the samples are near-copies of training rows.
     *
     * @param bound the largest acceptable copy fraction, in [0, 1]
     * @return this assertion
     */
    public MemorizationAssert copyFractionAtMost(double bound) {
        isNotNull();
        MemorizationCheck check = MemorizationCheck.withDefaults().with(holdout == null
                ? MemorizationCheck.HoldoutUse.NONE : MemorizationCheck.HoldoutUse.REQUIRED);
        CheckResult result = check.run(CheckInput.ofSamples(actual, training, holdout, seed, Tasks.defaultThreads()));
        double copyFraction = result.metric("copyFraction").orElseThrow().doubleValue();
        if (copyFraction > bound) {
            throw failure("%nExpecting %d samples%s%nnot to be memorized from %d training rows: a copy fraction of at "
                    + "most %s%nbut %s of them are near-copies (nearest training row under a third as far as the "
                    + "second);%nthe first suspects:%s", actual.rows(), seedText, training.rows(), bound, copyFraction,
                    suspects(result));
        }
        return this;
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
