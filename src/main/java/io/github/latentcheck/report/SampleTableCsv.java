package io.github.latentcheck.report;

import io.github.latentcheck.check.CheckResult;
import io.github.latentcheck.check.SampleTable;
import io.github.latentcheck.internal.text.SafeText;
import io.github.latentcheck.run.ExperimentResult;
import io.github.latentcheck.run.PriorRun;
import io.github.latentcheck.stats.TestResult;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes checks' tables as CSV files beside the report: each check's per-sample table as
 * {@code <check id>-<prior label>.csv} and each check's tests (one row per dimension or test: name,
 * statistic, p-value, adjusted p-value, method) as {@code <check id>-<prior label>-tests.csv}
 * (characters other than letters, digits, '.', '_' and '-' become '_'). A header row of column
 * names, then one line per row; whole numbers as integers, reals with
 * {@link Double#toString(double)}, which reads back exactly.
 *
 * <p>Written here rather than with Tablesaw: Tablesaw's first use costs about 1 s of class loading
 * on an idle 2-core machine (4.2 s measured under load), more than a whole quickstart run, for a
 * file this simple.
 */
final class SampleTableCsv {
    private SampleTableCsv() {
    }

    /**
     * @param run the prior's run
     * @param check one of its check results
     * @return the file name of the check's table
     */
    public static String fileName(PriorRun run, CheckResult check) {
        return SafeText.fileName(check.id() + "-" + run.label()) + ".csv";
    }

    /**
     * @param result a finished run
     * @return every per-sample table rendered, by file name, in run and check order
     */
    static Map<String, byte[]> render(ExperimentResult result) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (PriorRun run : result.runs()) {
            for (CheckResult check : run.checks()) {
                check.sampleTable().ifPresent(t -> files.put(fileName(run, check), csv(t)));
                if (!check.tests().isEmpty()) {
                    files.put(testsFileName(run, check), testsCsv(check));
                }
            }
        }
        return files;
    }

    /**
     * @param run the prior's run
     * @param check one of its check results
     * @return the file name of the check's tests table
     */
    public static String testsFileName(PriorRun run, CheckResult check) {
        return fileName(run, check).replaceFirst("\\.csv$", "-tests.csv");
    }

    private static byte[] testsCsv(CheckResult check) {
        StringBuilder out = new StringBuilder("name,statistic,pValue,adjustedPValue,method\n");
        for (TestResult t : check.tests()) {
            out.append(quoted(t.name())).append(',').append(t.statistic()).append(',').append(t.pValue()).append(',')
                    .append(t.adjustedPValue()).append(',').append(t.method().label()).append('\n');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** @return the text as one CSV field, quoted (RFC 4180) when it holds a comma, quote or line break */
    private static String quoted(String text) {
        return text.matches("[^,\"\r\n]*") ? text : "\"" + text.replace("\"", "\"\"") + "\"";
    }

    private static byte[] csv(SampleTable table) {
        StringBuilder out = new StringBuilder(64 + table.rows() * 16 * table.columnNames().size());
        out.append(String.join(",", table.columnNames())).append('\n');
        for (int r = 0; r < table.rows(); r++) {
            for (int c = 0; c < table.columnNames().size(); c++) {
                if (c > 0) {
                    out.append(',');
                }
                out.append(table.value(table.columnNames().get(c), r));
            }
            out.append('\n');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
