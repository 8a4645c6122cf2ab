/** API: the charts and image grids a {@link io.github.latentcheck.check.CheckResult} carries into the HTML report. */
package io.github.latentcheck.chart;
