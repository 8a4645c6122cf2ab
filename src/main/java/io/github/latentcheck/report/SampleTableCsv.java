package io.github.latentcheck.report;

import io.github.latentcheck.check.CheckResult;
import io.github.latentcheck.check.SampleTable;
import io.github.latentcheck.run.ExperimentResult;
import io.github.latentcheck.run.PriorRun;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes checks' per-sample tables as CSV files beside the report, one per check and prior, named
 * {@code <check id>-<prior label>.csv} (characters other than letters, digits, '.', '_' and '-'
 * become '_'): a header row of column names, then one line per row; whole numbers as integers,
 * reals with {@link Double#toString(double)}, which reads back exactly.
 */
public final class SampleTableCsv {
    private SampleTableCsv() {
    }

    /**
     * @param run the prior's run
     * @param check one of its check results
     * @return the file name of the check's table
     */
    public static String fileName(PriorRun run, CheckResult check) {
        return (check.id() + "-" + run.label()).replaceAll("[^A-Za-z0-9._-]", "_") + ".csv";
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
            }
        }
        return files;
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
