package io.github.latentcheck.prior;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.data.Latents;
import io.github.latentcheck.generator.OnnxGenerator;
import io.github.latentcheck.stats.KolmogorovSmirnov;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class FlowPriorTest {
    private static final Path MODELS = Path.of("fixtures", "models");
    private static final Path FLOW = MODELS.resolve("ring8-vae-flow-prior-flow.onnx");
    private static final Path INVERSE = MODELS.resolve("ring8-vae-flow-prior-flow-inverse.onnx");

    static FlowPrior fixture() {
        return FlowPrior.of(FLOW, INVERSE, GaussianPrior.of(2));
    }

    private static Latents golden(JsonNode rows) {
        double[] flat = new double[rows.size() * 2];
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < 2; c++) {
                flat[2 * r + c] = rows.get(r).get(c).asDouble();
            }
        }
        return Latents.of(rows.size(), 2, flat);
    }

    /**
     * The torch float32 outputs of the sidecar: ONNX Runtime runs the same float32 graph (Gemm, Tanh, Exp),
     * so 1e-5 absolute (the fixture's own bound) holds for values of order 1.
     */
    @Test
    void reproducesTheSidecarsGoldenVectors() throws IOException {
        JsonNode golden = new ObjectMapper().readTree(MODELS.resolve("ring8-vae-flow-prior.json").toFile())
                .get("golden_vectors");
        Latents eps = golden(golden.get("eps"));
        Latents z = golden(golden.get("z"));
        double[] back = fixture().pullBack(z).toArray();
        double[] expectedBack = golden(golden.get("inverse")).toArray();
        for (int i = 0; i < expectedBack.length; i++) {
            assertThat(Math.abs(back[i] - expectedBack[i])).isLessThanOrEqualTo(1e-5);
        }
        double[] pushed = new double[eps.rows() * 2];
        try (OnnxGenerator model = OnnxGenerator.open(FLOW, null, null, 1024, 1)) {
            model.generate(eps).copyRows(0, eps.rows(), pushed, 0);
        }
        double[] expected = z.toArray();
        for (int i = 0; i < expected.length; i++) {
            assertThat(Math.abs(pushed[i] - expected[i])).isLessThanOrEqualTo(1e-5);
        }
    }

    /** z = f(ε) with ε exactly the base prior's draws for the same seed, in float32. */
    @Test
    void drawsPushTheBasesSeededDrawsThroughTheFlow() {
        FlowPrior flow = fixture();
        Latents z = LatentSampler.sample(flow, 2500, 42, 3);
        Latents eps = LatentSampler.sample(GaussianPrior.of(2), 2500, 42, 1);
        Latents back = flow.pullBack(z);
        for (int r = 0; r < 2500; r += 97) {
            for (int j = 0; j < 2; j++) {
                // The fixture's round trip loses at most 5e-5 (its sidecar, over 20 000 draws).
                assertThat(Math.abs(back.value(r, j) - eps.value(r, j))).isLessThanOrEqualTo(1e-4 * (1 + Math.abs(eps.value(r, j))));
            }
        }
    }

    @Test
    void sameSeedSameLatentsOnAnyThreadCount() {
        FlowPrior flow = fixture();
        assertThat(LatentSampler.sample(flow, 2500, 7, 1).toArray())
                .containsExactly(LatentSampler.sample(flow, 2500, 7, 4).toArray());
    }

    /** f⁻¹(z) of draws is N(0, I): KS at level 1e-6 per coordinate (false failure 2e-6 per seed). */
    @Test
    void theInverseOfDrawsFollowsTheBase() {
        FlowPrior flow = fixture();
        LatentReference reference = flow.marginalReference();
        Latents eps = reference.apply(LatentSampler.sample(flow, 5000, 3, 2));
        for (int j = 0; j < 2; j++) {
            assertThat(KolmogorovSmirnov.oneSample(eps.column(j), reference.law().marginal(j)::cumulativeProbability)
                    .pValue()).isGreaterThan(1e-6);
        }
        assertThat(reference.law()).isSameAs(flow.base());
        assertThat(flow.jointReference().mapDescription()).isEqualTo("f^-1(z) through ring8-vae-flow-prior-flow-inverse.onnx");
    }

    @Test
    void withoutAnInverseThereIsNoReference() {
        FlowPrior flow = FlowPrior.of(FLOW, null, GaussianPrior.of(2));
        assertThat(flow.hasReference()).isFalse();
        assertThatThrownBy(flow::marginalReference).isInstanceOf(InvalidInputException.class)
                .hasMessage("the flow prior ring8-vae-flow-prior-flow.onnx has no inverse to test its latents exactly: "
                        + "give it 'inverse: MODEL.onnx', or compare them with fresh draws by latent-energy or latent-mmd");
        assertThatThrownBy(() -> flow.marginal(0)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no closed-form marginals");
    }
}
