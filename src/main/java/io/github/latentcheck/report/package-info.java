/** API: writing a run's report folder ({@link io.github.latentcheck.report.ReportWriter}) with the report files of {@link io.github.latentcheck.report.Reporter}. */
package io.github.latentcheck.report;
