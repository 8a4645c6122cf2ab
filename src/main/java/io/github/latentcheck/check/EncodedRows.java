package io.github.latentcheck.check;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.chart.Chart;
import io.github.latentcheck.chart.Series;
import io.github.latentcheck.data.Samples;
import io.github.latentcheck.encoder.Encoder;
import io.github.latentcheck.encoder.Posterior;
import io.github.latentcheck.spec.Options;
import java.util.Locale;

/** What the encoder checks share: which data rows they encode, and a chart of one value per latent unit. */
final class EncodedRows {
    /** The data rows an encoder check encodes. */
    enum Rows {
        /** {@code data.holdout}: rows the model did not train on (the default). */
        HOLDOUT,
        /** {@code data.training}. */
        TRAINING;

        Requirement requirement() {
            return this == HOLDOUT ? Requirement.HOLDOUT : Requirement.TRAINING;
        }

        static Rows from(Options options) {
            String name = options.string("rows", "holdout");
            try {
                return valueOf(name.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(options.where("rows") + ": " + options.section()
                        + ".rows is not one of holdout, training: '" + name + "'", e);
            }
        }
    }

    private EncodedRows() {
    }

    /**
     * @param input the run
     * @param id the check's id, for messages
     * @param rows which data rows
     * @return the encoder's posteriors for those rows
     */
    static Posterior encode(CheckInput input, String id, Rows rows) {
        Encoder encoder = input.encoder().orElseThrow(() -> new InvalidInputException(
                "check '" + id + "' needs the model's encoder (encoder: {model: …})"));
        Samples data = rows == Rows.HOLDOUT ? input.holdout().orElseThrow(() -> new InvalidInputException(
                "check '" + id + "' needs data.holdout")) : input.requireTraining();
        String key = "data." + rows.name().toLowerCase(Locale.ROOT);
        if (data.columns() != encoder.inputDimension()) {
            throw new InvalidInputException(key + " has " + data.columns() + " columns but the encoder takes rows of "
                    + encoder.inputDimension());
        }
        if (encoder.latentDimension() != input.prior().dimension()) {
            throw new InvalidInputException("the encoder gives latents of dimension " + encoder.latentDimension()
                    + " but the prior " + input.prior().description() + " has dimension " + input.prior().dimension());
        }
        return encoder.encode(data);
    }

    /**
     * @param title the chart's title
     * @param yLabel what the bars are
     * @param values one value per latent unit
     * @param threshold a reference line, or NaN for none
     * @param alt the chart's alternative text
     * @return a chart of the values (markers) against the unit index
     */
    static Chart perUnit(String title, String yLabel, double[] values, double threshold, String alt) {
        double[] x = new double[values.length];
        for (int u = 0; u < x.length; u++) {
            x[u] = u;
        }
        Chart chart = Chart.of(title, "latent unit", yLabel).with(Series.of(yLabel, Series.Style.SCATTER, x, values));
        if (!Double.isNaN(threshold)) {
            chart = chart.with(new Chart.ReferenceLine("threshold " + threshold, threshold));
        }
        return chart.withAltText(alt);
    }
}
