package io.github.latentcheck.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.data.Latents;
import io.github.latentcheck.data.Samples;
import io.github.latentcheck.generator.Generator;
import io.github.latentcheck.generator.GeneratorProvider;
import io.github.latentcheck.spec.ExperimentSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** What becomes of exceptions that a user's generator throws while the run calls it. */
class UsersGeneratorErrorsTest {
    private static final ExperimentSpec SPEC = ExperimentSpec.parse("""
            name: refusals
            samples: 100
            latent_dim: 2
            priors: [gaussian]
            generator: {type: picky}
            checks: [latent-ks]
            gates: [latent-ks.rejected == 0]
            """, Path.of("picky.yaml"));

    /** A generator that takes latents of dimension 2 and throws what it is given from generate. */
    private static final class Picky implements Generator {
        private final Supplier<RuntimeException> failure;
        private final AtomicBoolean closed;

        Picky(Supplier<RuntimeException> failure, AtomicBoolean closed) {
            this.failure = failure;
            this.closed = closed;
        }

        @Override
        public int inputDimension() {
            return 2;
        }

        @Override
        public int outputDimension() {
            return 2;
        }

        @Override
        public Samples generate(Latents latents) {
            throw failure.get();
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }

    private static void run(Supplier<RuntimeException> failure, AtomicBoolean closed) {
        GeneratorProvider picky = GeneratorProvider.of("picky", (options, context) -> new Picky(failure, closed));
        ExperimentRunner.withDefaults().withThreads(1).run(Experiment.load(SPEC, List.of(picky)));
    }

    @Test
    void anIllegalArgumentFromGenerateIsBadInputNamingTheGeneratorAndTheSpecLine() {
        AtomicBoolean closed = new AtomicBoolean();
        assertThatThrownBy(() -> run(() -> new IllegalArgumentException("z is outside [-3, 3]: 3.4"), closed))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("picky.yaml:5: generator 'picky': z is outside [-3, 3]: 3.4")
                .hasCauseInstanceOf(IllegalArgumentException.class);
        assertThat(closed).isTrue();
    }

    @Test
    void anyOtherExceptionIsLeftAsItIsForTheCommandLineToCallABug() {
        AtomicBoolean closed = new AtomicBoolean();
        assertThatThrownBy(() -> run(() -> new IllegalStateException("session lost"), closed))
                .isExactlyInstanceOf(IllegalStateException.class).hasMessage("session lost");
        assertThat(closed).isTrue();
    }
}
