package io.github.latentcheck.cli;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.data.Latents;
import io.github.latentcheck.data.SampleFiles;
import io.github.latentcheck.internal.concurrent.Tasks;
import io.github.latentcheck.internal.data.HeapLimit;
import io.github.latentcheck.prior.LatentSampler;
import io.github.latentcheck.prior.Prior;
import io.github.latentcheck.prior.Priors;
import io.github.latentcheck.report.ReportWriter;
import io.github.latentcheck.spec.Options;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code latentcheck sample}: draws latents from a prior into a .npy (float64) or .csv file. */
@Command(name = "sample", mixinStandardHelpOptions = true, preprocessor = OldSpellings.class,
        description = "Draw latents from a prior, reproducibly, into a .npy (float64) or .csv file.")
final class SampleCommand implements Callable<Integer> {
    @Spec
    CommandSpec command;

    @Option(names = "--prior", required = true, paramLabel = "TYPE",
            description = "gaussian, uniform, truncated or sphere.")
    String prior;

    @Option(names = "--dim", required = true, paramLabel = "D", description = "Latent dimension.")
    int dimension;

    @Option(names = "--samples", required = true, paramLabel = "N", description = "Number of draws; formerly --n.")
    int rows;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Output file, .npy or .csv.")
    Path out;

    @Option(names = "--low", paramLabel = "A", description = "Uniform prior: lower bound (default -1).")
    Double low;

    @Option(names = "--high", paramLabel = "B", description = "Uniform prior: upper bound (default 1).")
    Double high;

    @Option(names = "--threshold", paramLabel = "TAU", description = "Truncated prior: the threshold τ.")
    Double threshold;

    @Option(names = "--threads", paramLabel = "N", description = "Threads (default: the processors available).")
    Integer threads;

    @Override
    public Integer call() {
        RunCommand.requireAtLeastOne("--dim", dimension);
        RunCommand.requireAtLeastOne("--samples", rows);
        RunCommand.requireAtLeastOne("--threads", threads);
        if ("truncated".equals(prior) && threshold == null) {
            throw new InvalidInputException("--prior truncated needs --threshold TAU, the truncation threshold");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("type", prior);
        values.put("dim", dimension);
        if (low != null) {
            values.put("low", low);
        }
        if (high != null) {
            values.put("high", high);
        }
        if (threshold != null) {
            values.put("threshold", threshold);
        }
        Options options = Options.of(values, "--prior " + prior);
        Prior p = Priors.create(options, dimension);
        options.rejectUnknownKeys();
        HeapLimit.requireRoom("sample --samples " + rows + " --dim " + dimension + " (float64 draws)",
                (long) rows * dimension * Double.BYTES);
        ReportWriter.checkWritable(out.toAbsolutePath().getParent());
        Latents latents = LatentSampler.sample(p, rows, seed, threads != null ? threads : Tasks.defaultThreads());
        SampleFiles.write(out, latents);
        command.commandLine().getOut().printf("%d draws from %s written to %s%n", rows, p.description(), out);
        return LatentcheckCommand.PASSED;
    }
}
