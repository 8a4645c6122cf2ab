package io.github.latentcheck.encoder;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.spec.Options;
import java.nio.file.Path;
import java.util.List;

/**
 * Creates the encoder a spec's {@code encoder:} section describes:
 * <pre>
 * encoder:
 *   model: ../fixtures/models/digits-vae-d16-encoder.onnx
 *   outputs: [mu, logvar]   # two outputs, means then log variances (the default names)
 *   # output: h             # or one output of width 2d: [mu | logvar]
 *   input: x                # optional: the model's only input by default
 *   batch: 1024             # rows per call
 *   threads: 0              # ONNX Runtime's intra-op threads (0: its default)
 * </pre>
 */
public final class Encoders {
    private Encoders() {
    }

    /**
     * @param options the {@code encoder} section
     * @return the encoder, open until closed
     * @throws InvalidInputException for a bad option or model, naming the spec's line
     */
    public static Encoder create(Options options) {
        Path model = options.requirePath("model");
        String input = options.has("input") ? options.requireString("input") : null;
        if (options.has("output") && options.has("outputs")) {
            throw new InvalidInputException(options.where("output") + ": " + options.section()
                    + " gives both 'output' (one output [mu | logvar]) and 'outputs' (two): give one");
        }
        OnnxEncoder.Layout layout = options.has("output") ? OnnxEncoder.Layout.CONCATENATED
                : OnnxEncoder.Layout.TWO_OUTPUTS;
        List<String> outputs = layout == OnnxEncoder.Layout.CONCATENATED ? List.of(options.requireString("output"))
                : options.has("outputs") ? options.strings("outputs") : List.of("mu", "logvar");
        int batch = options.integer("batch", 1024, 1);
        int threads = options.integer("threads", 0, 0);
        options.rejectUnknownKeys();
        try {
            return OnnxEncoder.open(model, input, layout, outputs, batch, threads);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(options.where("model") + ": " + options.section() + ": " + e.getMessage(), e);
        }
    }
}
