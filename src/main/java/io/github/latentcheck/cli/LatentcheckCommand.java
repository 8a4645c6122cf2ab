package io.github.latentcheck.cli;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.run.Verdict;
import io.github.latentcheck.report.Versions;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code latentcheck} command. Exit status: 0 when every gate passed, 1 when a gate failed,
 * 2 for bad input or usage (one line on standard error naming the file, line, row, column or key),
 * 3 for an internal error (a bug; {@code --debug} shows its stack trace), 4 when a run has no gates
 * and so judged nothing.
 */
@Command(name = "latentcheck", mixinStandardHelpOptions = true, versionProvider = LatentcheckCommand.Version.class,
        description = "A statistical test harness for generative models: latent priors, mode coverage, memorization.",
        subcommands = {RunCommand.class, PlanCommand.class, SampleCommand.class, TestCommand.class, AuditCommand.class,
            CoverageCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:every gate passed", "1:a gate failed", "2:bad input or usage",
            "3:internal error (run again with --debug and report it)",
            "4:nothing was judged (the experiment has no gates)"})
public final class LatentcheckCommand {
    /** Exit status when every gate passed. */
    public static final int PASSED = 0;
    /** Exit status when a gate failed. */
    public static final int GATE_FAILED = 1;
    /** Exit status for bad input or usage. */
    public static final int BAD_INPUT = 2;
    /** Exit status for a bug. */
    public static final int INTERNAL_ERROR = 3;
    /** Exit status when there were no gates, so nothing was judged (pytest's 5 for "no tests"). */
    public static final int NOT_GATED = 4;

    /**
     * @param verdict what a run or command concluded
     * @return its exit status: 0 passed, 1 failed, 4 not gated
     */
    static int exitStatus(Verdict verdict) {
        return switch (verdict) {
            case PASSED -> PASSED;
            case FAILED -> GATE_FAILED;
            case NOT_GATED -> NOT_GATED;
        };
    }

    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Print stack traces of errors.")
    boolean debug;

    /**
     * @param args the command line
     */
    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /**
     * Runs the command line with the given streams; what {@link #main} does, without exiting.
     *
     * @param args the command line
     * @param out standard output
     * @param err standard error
     * @return the exit status
     */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        LatentcheckCommand top = new LatentcheckCommand();
        CommandLine cli = new CommandLine(top);
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((e, a) -> {
            err.println("latentcheck: " + e.getMessage());
            err.println("Run 'latentcheck " + (e.getCommandLine() == cli ? "" : e.getCommandLine().getCommandName() + " ")
                    + "--help' for usage.");
            return BAD_INPUT;
        });
        cli.setExecutionExceptionHandler((e, c, parsed) -> {
            if (e instanceof InvalidInputException) {
                err.println("latentcheck: " + e.getMessage());
                if (top.debug) {
                    e.printStackTrace(err);
                }
                return BAD_INPUT;
            }
            err.println("latentcheck: internal error: " + e + (top.debug ? "" : " (run again with --debug for details)"));
            if (top.debug) {
                e.printStackTrace(err);
            }
            return INTERNAL_ERROR;
        });
        int status = cli.execute(args);
        out.flush();
        err.flush();
        return status;
    }

    /** Reads the version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"latentcheck " + Versions.latentcheck(), "Java " + Runtime.version()};
        }
    }
}
