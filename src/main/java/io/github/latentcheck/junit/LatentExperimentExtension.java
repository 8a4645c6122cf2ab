package io.github.latentcheck.junit;

import io.github.latentcheck.assertj.LatentAssertions;
import io.github.latentcheck.generator.GeneratorProvider;
import io.github.latentcheck.report.ReportWriter;
import io.github.latentcheck.report.Reporter;
import io.github.latentcheck.run.Experiment;
import io.github.latentcheck.run.ExperimentResult;
import io.github.latentcheck.run.ExperimentRunner;
import io.github.latentcheck.spec.ExperimentSpec;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * The extension behind {@link LatentExperiment}: resolves {@link ExperimentResult} parameters by
 * running the class's spec once (the result lives in the class's {@link ExtensionContext.Store}),
 * with the annotation's {@linkplain LatentExperiment#providers() providers},
 * writes the report ({@link LatentExperiment#report()}), and publishes the report's main file and the
 * seed as report entries.
 */
final class LatentExperimentExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(
            LatentExperimentExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == ExperimentResult.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        LatentExperiment annotation = AnnotationSupport.findAnnotation(testClass, LatentExperiment.class)
                .orElseThrow(() -> new ExtensionConfigurationException(testClass.getName()
                        + " is not annotated with @LatentExperiment"));
        ExtensionContext classContext = context;
        while (classContext.getTestMethod().isPresent()) {
            classContext = classContext.getParent().orElseThrow();
        }
        ExtensionContext owner = classContext;
        return owner.getStore(NAMESPACE).getOrComputeIfAbsent(annotation.value(), spec -> run(annotation, owner),
                ExperimentResult.class);
    }

    private static List<GeneratorProvider> providers(LatentExperiment annotation) {
        return Arrays.stream(annotation.providers()).map(type -> {
            try {
                return ReflectionSupport.newInstance(type);
            } catch (RuntimeException e) {
                throw new ExtensionConfigurationException("@LatentExperiment(providers = " + type.getName()
                        + ".class): cannot make one with its constructor without parameters: " + e, e);
            }
        }).map(GeneratorProvider.class::cast).toList();
    }

    private static ExperimentResult run(LatentExperiment annotation, ExtensionContext context) {
        ExperimentSpec spec = ExperimentSpec.read(Path.of(annotation.value()));
        long seed = annotation.seed() != Long.MIN_VALUE ? annotation.seed() : LatentAssertions.seed(spec.seed());
        int samples = annotation.samples() > 0 ? annotation.samples() : spec.samples();
        ExperimentResult result = ExperimentRunner.withDefaults()
                .run(Experiment.load(spec, seed, samples, Optional.empty(), providers(annotation)));
        if (annotation.report() != LatentExperiment.Report.NONE) {
            Path out = annotation.out().isEmpty() ? Path.of("target", "latentcheck", spec.name())
                    : Path.of(annotation.out());
            boolean html = annotation.report() == LatentExperiment.Report.ALL;
            ReportWriter writer = ReportWriter.withDefaults();
            if (!html) {
                writer = writer.withReporters(List.of(Reporter.resultsJson(), Reporter.junitXml(),
                        Reporter.summaryMarkdown()));
            }
            writer.write(out, result);
            context.publishReportEntry("latentcheck.report", out.resolve(html ? "index.html" : "summary.md").toString());
        }
        context.publishReportEntry("latentcheck.seed", Long.toString(seed));
        return result;
    }
}
