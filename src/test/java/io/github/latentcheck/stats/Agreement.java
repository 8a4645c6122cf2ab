package io.github.latentcheck.stats;

import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.TestReporter;

/**
 * Collects reference comparisons: for each case kind it records the largest relative error and every
 * case beyond its tolerance, then publishes the largest errors and fails with all offending cases.
 */
final class Agreement {
    private final Map<String, Double> maxError = new LinkedHashMap<>();
    private final Map<String, Integer> count = new LinkedHashMap<>();
    private final List<String> failures = new ArrayList<>();

    /**
     * @param kind the case kind, e.g. {@code "ks1 p exact"}
     * @param cas the case description
     * @param actual the Java value
     * @param expected the reference value
     * @param tolerance the largest allowed relative error
     * @param floor the smallest denominator of the relative error (an absolute tolerance near 0)
     */
    void check(String kind, String cas, double actual, double expected, double tolerance, double floor) {
        double error = ReferenceData.relativeError(actual, expected, floor);
        maxError.merge(kind, error, Math::max);
        count.merge(kind, 1, Integer::sum);
        if (!(error <= tolerance)) {
            failures.add(String.format("%s [%s]: expected %s, actual %s, relative error %.3g > %.1g",
                    kind, cas, expected, actual, error, tolerance));
        }
    }

    /**
     * As {@link #check}, for probabilities given by their natural logarithms: the error is the relative
     * error of the probability, \(|e^{\Delta} - 1|\), finite also where the probabilities underflow.
     *
     * @param kind the case kind
     * @param cas the case description
     * @param actualLog the Java value's logarithm
     * @param expectedLog the reference value's logarithm
     * @param tolerance the largest allowed relative error of the probability
     */
    void checkLog(String kind, String cas, double actualLog, double expectedLog, double tolerance) {
        double error = ReferenceData.relativeErrorFromLogs(actualLog, expectedLog);
        maxError.merge(kind, error, Math::max);
        count.merge(kind, 1, Integer::sum);
        if (!(error <= tolerance)) {
            failures.add(String.format("%s [%s]: expected ln p = %s, actual %s, relative error of p %.3g > %.1g",
                    kind, cas, expectedLog, actualLog, error, tolerance));
        }
    }

    void verify(TestReporter reporter) {
        maxError.forEach((kind, error) -> reporter.publishEntry(
                "max relative error " + kind + " (" + count.get(kind) + " cases)", String.format("%.3g", error)));
        if (!failures.isEmpty()) {
            fail(failures.size() + " cases beyond tolerance:%n%s", String.join(System.lineSeparator(), failures));
        }
    }
}
