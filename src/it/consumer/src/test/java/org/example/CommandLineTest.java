package org.example;

import static io.github.latentcheck.assertj.LatentAssertions.assertThat;

import io.github.latentcheck.cli.LatentcheckCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/**
 * The command line with this project's test class path: the grid-model provider is found through its
 * META-INF/services file, and its refusal of a bad option is bad input (exit 2) at the spec's line.
 */
class CommandLineTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int latentcheck(String... args) {
        return LatentcheckCommand.execute(args, new PrintWriter(out), new PrintWriter(err));
    }

    @Test
    void theProviderOnTheClassPathRunsFromTheCommandLine() {
        assertThat(latentcheck("run", "specs/grid-model.yaml", "--out", "target/cli/grid-model")).as(err.toString())
                .isEqualTo(LatentcheckCommand.PASSED);
        assertThat(out.toString()).contains("grid-model: PASSED");
    }

    @Test
    void aFailedGateExitsWithOne() {
        assertThat(latentcheck("run", "specs/grid-model-dropped.yaml", "--out", "target/cli/dropped"))
                .as(err.toString()).isEqualTo(LatentcheckCommand.GATE_FAILED);
    }

    @Test
    void theProvidersIllegalArgumentIsBadInputAtTheSpecsLine() {
        assertThat(latentcheck("run", "specs/grid-model-bad.yaml", "--out", "target/cli/bad"))
                .isEqualTo(LatentcheckCommand.BAD_INPUT);
        assertThat(err.toString()).startsWith("latentcheck: specs/grid-model-bad.yaml:7: generator 'grid-model': "
                + "dropped mode is not in [0, 25): 30").doesNotContain("internal error");
    }

    @Test
    void anOnnxModelWithoutOnnxRuntimeIsRefusedWithWhatToAdd() {
        assertThat(latentcheck("run", "specs/onnx.yaml", "--out", "target/cli/onnx"))
                .isEqualTo(LatentcheckCommand.BAD_INPUT);
        assertThat(err.toString()).contains("specs/onnx.yaml:6: generator type 'onnx' needs ONNX Runtime on the "
                + "class path").contains("com.microsoft.onnxruntime:onnxruntime");
    }
}
