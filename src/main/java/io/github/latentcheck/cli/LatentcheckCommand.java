package io.github.latentcheck.cli;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.internal.data.HeapLimit;
import io.github.latentcheck.internal.report.Versions;
import io.github.latentcheck.internal.text.SafeText;
import io.github.latentcheck.knn.NearestNeighborSearch;
import io.github.latentcheck.run.Verdict;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.function.IntSupplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code latentcheck} command. Exit status: 0 when every gate passed, 1 when a gate failed,
 * 2 for bad input or usage (one line on standard error naming the file, line, row, column or key,
 * or what did not fit in the Java heap), 3 for an internal error (a bug; {@code --debug} shows its
 * stack trace), 4 when a run has no gates and so judged nothing. Every message is one line, and
 * control characters in messages and on standard output are shown as escapes
 * ({@link SafeText#terminal}). An old option spelling ({@link OldSpellings}) adds one warning line
 * per spelling after the command has run, except after bad input, whose message stays the only line.
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
    /** The system property that names SLF4J's provider. */
    static final String SLF4J_PROVIDER = "slf4j.provider";
    /** The system property that sets how much SLF4J says about itself. */
    static final String SLF4J_VERBOSITY = "slf4j.internal.verbosity";
    /** Log4j's SLF4J 2 provider, which Spark's jars bring ({@code log4j-slf4j2-impl}). */
    static final String SPARK_LOGGING_PROVIDER = "org.apache.logging.slf4j.SLF4JServiceProvider";
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

    /** One line per old option spelling the command line used ({@link OldSpellings}). */
    final List<String> deprecationNotes = new ArrayList<>();

    private LatentcheckCommand() {
    }

    /**
     * @param args the command line
     */
    public static void main(String[] args) {
        chooseLoggingProvider(LatentcheckCommand.class.getClassLoader(), System.getProperties());
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /**
     * When Spark's jars share the class path with this jar ({@code java -cp "latentcheck.jar:$SPARK_HOME/jars/*"},
     * or a cluster manager that puts the application jar beside them), SLF4J finds two providers, this
     * jar's {@code slf4j-nop} and Spark's log4j binding, and warns on standard error. Naming Spark's
     * in {@code slf4j.provider} (read by SLF4J 2.0.9 and later; {@code slf4j.internal.verbosity=WARN}
     * keeps it from saying so) makes SLF4J take it without the search, so Spark logs as it does under
     * {@code spark-submit}. Without Spark, or when the property is set
     * already, nothing changes. Under {@code spark-submit} SLF4J is bound before this runs, from
     * Spark's class loader, which does not see this jar's provider.
     *
     * @param loader where Spark's binding is looked for
     * @param properties the system properties, where the choice is written
     */
    static void chooseLoggingProvider(ClassLoader loader, Properties properties) {
        if (properties.getProperty(SLF4J_PROVIDER) == null
                && loader.getResource(SPARK_LOGGING_PROVIDER.replace('.', '/') + ".class") != null) {
            properties.setProperty(SLF4J_PROVIDER, SPARK_LOGGING_PROVIDER);
            // Otherwise SLF4J says on standard error, at its INFO level, that it loads the named provider.
            properties.putIfAbsent(SLF4J_VERBOSITY, "WARN");
        }
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
        return execute(args, out, err, HelpLayout::terminalWidth);
    }

    /**
     * @param args the command line
     * @param out standard output
     * @param err standard error
     * @param helpWidth the width {@code --help} is laid out at
     * @return the exit status
     */
    static int execute(String[] args, PrintWriter out, PrintWriter err, IntSupplier helpWidth) {
        LatentcheckCommand top = new LatentcheckCommand();
        CommandLine cli = new CommandLine(top);
        HelpLayout.apply(cli, helpWidth);
        PrintWriter shown = new PrintWriter(SafeText.terminal(out), true);
        cli.setOut(shown);
        cli.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        cli.setErr(err);
        cli.setParameterExceptionHandler((e, a) -> {
            err.println(message(usage(e, cli)));
            return BAD_INPUT;
        });
        cli.setExecutionExceptionHandler((e, c, parsed) -> {
            if (e instanceof InvalidInputException) {
                err.println(message(e.getMessage()));
                if (top.debug) {
                    e.printStackTrace(err);
                }
                return BAD_INPUT;
            }
            err.println(message("internal error: " + e + (top.debug ? "" : " (run again with --debug for details)")));
            if (top.debug) {
                e.printStackTrace(err);
            }
            return INTERNAL_ERROR;
        });
        int status;
        try {
            status = cli.execute(args);
        } catch (OutOfMemoryError e) {
            String command = Arrays.stream(args).filter(cli.getSubcommands()::containsKey).findFirst()
                    .map(name -> "the " + name + " command").orElse("the command");
            err.println(message(HeapLimit.outOfMemory(command)));
            if (top.debug) {
                e.printStackTrace(err);
            }
            status = BAD_INPUT;
        }
        shown.flush();
        if (status != BAD_INPUT) {
            top.deprecationNotes.forEach(note -> err.println(message("warning: " + note)));
        }
        err.flush();
        return status;
    }

    private static String message(String text) {
        return "latentcheck: " + SafeText.terminal(text == null ? "" : text.strip());
    }

    /**
     * One line for a usage error: the problem and where the usage is. An unknown command gets the
     * list of commands (and the nearest one) instead of "Unmatched arguments from index 0".
     */
    private static String usage(CommandLine.ParameterException e, CommandLine top) {
        CommandLine at = e.getCommandLine();
        String help = "run 'latentcheck " + (at == top ? "" : at.getCommandName() + " ") + "--help' for usage";
        if (at == top && e instanceof CommandLine.UnmatchedArgumentException unmatched
                && !unmatched.getUnmatched().isEmpty() && !unmatched.getUnmatched().get(0).startsWith("-")) {
            String typed = unmatched.getUnmatched().get(0);
            Optional<String> nearest = top.getSubcommands().keySet().stream()
                    .filter(name -> editDistance(typed, name) <= 2)
                    .min(Comparator.comparingInt(name -> editDistance(typed, name)));
            return "unknown command '" + typed + "'" + nearest.map(name -> " (did you mean '" + name + "'?)").orElse("")
                    + "; the commands are " + String.join(", ", top.getSubcommands().keySet()) + "; " + help;
        }
        return e.getMessage().replaceAll("\\s+", " ").strip() + " (" + help + ")";
    }

    /** The optimal-string-alignment distance: insertions, deletions, substitutions and adjacent swaps. */
    static int editDistance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            for (int j = 0; j <= b.length(); j++) {
                if (i == 0 || j == 0) {
                    d[i][j] = i + j;
                    continue;
                }
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    /** The version from the jar's manifest, the JVM's, and which k-NN kernel runs. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"latentcheck " + Versions.latentcheck(), "Java " + Runtime.version(),
                "k-NN kernel: " + NearestNeighborSearch.kernelName()};
        }
    }
}
