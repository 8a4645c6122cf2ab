package io.github.latentcheck.junit;

import io.github.latentcheck.generator.GeneratorProvider;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs an experiment spec once for a test class and hands its result to the class's test methods:
 * declare a parameter of type {@link io.github.latentcheck.run.ExperimentResult}. With
 * {@link LatentGates#dynamicTests} a {@code @TestFactory} turns every gate of every prior into a
 * test of its own, so a CI test report lists each gate by name.
 *
 * <pre>{@code
 * @LatentExperiment("experiments/quickstart.yaml")
 * class QuickstartGatesTest {
 *     @TestFactory
 *     Stream<DynamicNode> gates(ExperimentResult result) {
 *         return LatentGates.dynamicTests(result);
 *     }
 * }
 * }</pre>
 *
 * <p>The seed is the spec's, unless {@link #seed()} or {@code -Dlatentcheck.seed} sets one; the
 * report is written to {@code target/latentcheck/<experiment name>/} unless {@link #out()} says
 * otherwise ({@link #report()} leaves out the HTML page or every file), and both are published as
 * report entries.
 *
 * <p>A spec may name generator types that only the test knows: list their providers in
 * {@link #providers()}; they win over the class path's providers of the same type.
 *
 * <pre>{@code
 * @LatentExperiment(value = "specs/my-model.yaml", providers = MyModelTest.Model.class)
 * class MyModelTest {
 *     static final class Model implements GeneratorProvider {   // generator: {type: my-model}
 *         public String type() { return "my-model"; }
 *         public Generator create(Options options, GeneratorContext context) { return new MyModel(); }
 *     }
 *     ...
 * }
 * }</pre>
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(LatentExperimentExtension.class)
public @interface LatentExperiment {
    /** @return the spec's path, relative to the working folder (the project root under Maven) */
    String value();

    /** @return the seed, or {@link Long#MIN_VALUE} for the spec's (or {@code -Dlatentcheck.seed}) */
    long seed() default Long.MIN_VALUE;

    /** @return the draws per prior, or 0 for the spec's */
    int samples() default 0;

    /** @return the report folder, or empty for {@code target/latentcheck/<experiment name>} */
    String out() default "";

    /** @return which report files to write */
    Report report() default Report.ALL;

    /**
     * @return providers of generator types the spec names, each a class with a constructor without
     *     parameters (it may be private, or a nested class of the test); made once for the run, they
     *     win over the class path's providers of the same type
     */
    Class<? extends GeneratorProvider>[] providers() default {};

    /** Which files of the report a test class writes. */
    enum Report {
        /** {@code results.json}, {@code junit.xml}, {@code summary.md} and {@code index.html}, as the command line. */
        ALL,
        /** All but {@code index.html}, whose charts take about a second to draw the first time. */
        WITHOUT_HTML,
        /** No report folder at all. */
        NONE
    }
}
