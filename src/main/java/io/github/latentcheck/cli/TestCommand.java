package io.github.latentcheck.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.check.CheckInput;
import io.github.latentcheck.data.SampleFiles;
import io.github.latentcheck.data.Samples;
import io.github.latentcheck.stats.Alternative;
import io.github.latentcheck.stats.AndersonDarling;
import io.github.latentcheck.stats.CentralMoments;
import io.github.latentcheck.stats.CramerVonMises;
import io.github.latentcheck.stats.KolmogorovSmirnov;
import io.github.latentcheck.stats.KolmogorovSmirnovTwoSampleResult;
import io.github.latentcheck.stats.MomentTests;
import io.github.latentcheck.stats.MonteCarloNull;
import io.github.latentcheck.stats.MultipleTesting;
import io.github.latentcheck.stats.Multivariate;
import io.github.latentcheck.stats.PValueChoice;
import io.github.latentcheck.stats.Permutations;
import io.github.latentcheck.stats.TestResult;
import io.github.latentcheck.stats.TwoSampleDistance;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.statistics.distribution.ContinuousDistribution;
import org.apache.commons.statistics.distribution.ExponentialDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.distribution.TDistribution;
import org.apache.commons.statistics.distribution.UniformContinuousDistribution;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code latentcheck test}: one statistical test on a file, per column. Its verdict: the p-values of
 * all the results are corrected together by Holm's method and the null is rejected where the
 * adjusted p-value is below {@code --alpha} (default 0.05); exit 0 when nothing is rejected, 1 when
 * something is, 2 for bad input.
 */
@Command(name = "test", mixinStandardHelpOptions = true, preprocessor = OldSpellings.class,
        description = {"Run one statistical test on the columns of a file; exit 1 when a Holm-adjusted p-value is below "
                + "--alpha, else 0.",
            "ks, ad, cvm: against DIST (one sample) or FILE (two samples, column by column); moments: against "
                    + "normal(mu,sigma) or uniform(a,b); normality: Anderson-Darling with estimated mean and sd; "
                    + "jb, k2: Jarque-Bera and D'Agostino-Pearson K^2 omnibus moment tests of normality; "
                    + "hz: Henze-Zirkler multivariate normality of all columns as vectors; "
                    + "mmd, energy: all columns as vectors against FILE."})
final class TestCommand implements Callable<Integer> {
    /** The tests whose small-sample p-values are Monte Carlo unless {@code --method asymptotic}. */
    private static final Set<String> SIMULATED = Set.of("moments", "jb", "k2", "hz");
    private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);
    private static final Pattern DISTRIBUTION = Pattern.compile(
            "(normal|uniform|t|exponential)\\(\\s*([^,()\\s]+)\\s*(?:,\\s*([^,()\\s]+)\\s*)?\\)");

    @Spec
    CommandSpec command;

    @Parameters(index = "0", paramLabel = "TEST", description = "ks, ad, cvm, moments, normality, jb, k2, hz, mmd or energy.")
    String test;

    @Option(names = "--samples", required = true, paramLabel = "FILE",
            description = "The samples (.npy or .csv); formerly --sample.")
    Path sample;

    @Option(names = "--against", paramLabel = "DIST|FILE",
            description = "normal(mu,sigma), uniform(a,b), t(df), exponential(rate), or a second file.")
    String against;

    @Option(names = "--column", paramLabel = "C", description = "Test only this column (name, or 0-based index).")
    String column;

    @Option(names = "--method", paramLabel = "M", defaultValue = "auto",
            description = "auto, exact or asymptotic (ks; cvm with two samples); asymptotic for the normal and "
                    + "chi-square approximations of moments, jb and k2 at n <= 500 and of hz at n <= 100. "
                    + "Default: ${DEFAULT-VALUE}.")
    String method;

    @Option(names = "--alternative", paramLabel = "H1", defaultValue = "two-sided",
            description = "two-sided, less or greater (ks only). Default: ${DEFAULT-VALUE}.")
    String alternative;

    @Option(names = "--permutations", paramLabel = "B", defaultValue = "999",
            description = "Permutations for ad with two samples, mmd and energy; Monte Carlo draws for moments' "
                    + "skewness and kurtosis, jb and k2 at n <= 500 and hz at n <= 100. Default: ${DEFAULT-VALUE}.")
    int permutations;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
            description = "Seed of the permutations and Monte Carlo draws.")
    long seed;

    @Option(names = "--alpha", paramLabel = "A", defaultValue = "0.05",
            description = "Level of the verdict, after Holm's correction over all results (default: ${DEFAULT-VALUE}).")
    double alpha;

    @Option(names = "--json", description = "Print one JSON object instead of a table.")
    boolean json;

    /**
     * One reported result: the column it is about, the sizes, the test, and for the two-sample KS test
     * whether the pooled values hold ties (then an exact p-value is exact conditional on them), else null.
     */
    private record Row(String column, int n, Integer m, TestResult result, Boolean ties) {
        Row(String column, int n, Integer m, TestResult result) {
            this(column, n, m, result, null);
        }
    }

    @Override
    public Integer call() {
        PValueChoice choice = parseEnum("--method", method, PValueChoice.class, "auto, exact, asymptotic");
        Alternative h1 = parseEnum("--alternative", alternative, Alternative.class, "two-sided, less, greater");
        if (h1 != Alternative.TWO_SIDED && !test.equals("ks")) {
            throw new InvalidInputException("--alternative " + alternative + " applies to ks only");
        }
        boolean twoSampleCvm = test.equals("cvm") && against != null && !isDistribution(against);
        boolean simulatedAsymptotic = SIMULATED.contains(test) && choice == PValueChoice.ASYMPTOTIC;
        if (choice != PValueChoice.AUTO && !test.equals("ks") && !twoSampleCvm && !simulatedAsymptotic) {
            throw new InvalidInputException("--method " + method
                    + " applies to ks, to cvm with two samples and (asymptotic) to moments, jb, k2 and hz only");
        }
        if (permutations < 1) {
            throw new InvalidInputException("--permutations is not at least 1: " + permutations);
        }
        if (!(alpha > 0 && alpha < 1)) {
            throw new InvalidInputException("--alpha is not in (0, 1): " + alpha);
        }
        Samples x = SampleFiles.readSamples(sample);
        List<Row> computed = switch (test) {
            case "ks", "ad", "cvm" -> perColumn(x, choice, h1);
            case "moments" -> moments(x, choice);
            case "normality" -> normality(x);
            case "jb", "k2" -> omnibus(x, choice);
            case "hz" -> henzeZirkler(x, choice);
            case "mmd", "energy" -> distance(x);
            default -> throw new InvalidInputException("TEST is not one of ks, ad, cvm, moments, normality, jb, k2, "
                    + "hz, mmd, energy: '" + test + "'");
        };
        List<Row> rows = corrected(computed);
        boolean rejected = rows.stream().anyMatch(r -> r.result().reject(alpha));
        PrintWriter out = command.commandLine().getOut();
        if (json) {
            out.println(toJson(rows, rejected));
        } else {
            printTable(out, rows);
            out.printf(Locale.ROOT, "%s: %s at alpha %s after Holm's correction over %d result%s%n", sample,
                    rejected ? "FAILED (rejected)" : "PASSED (not rejected)", alpha, rows.size(),
                    rows.size() == 1 ? "" : "s");
        }
        return rejected ? LatentcheckCommand.GATE_FAILED : LatentcheckCommand.PASSED;
    }

    /** The rows with their p-values adjusted together by Holm's method. */
    private static List<Row> corrected(List<Row> rows) {
        double[] p = rows.stream().mapToDouble(r -> r.result().pValue()).toArray();
        double[] adjusted = MultipleTesting.holm(p);
        List<Row> out = new ArrayList<>(rows.size());
        for (int i = 0; i < adjusted.length; i++) {
            Row r = rows.get(i);
            out.add(new Row(r.column(), r.n(), r.m(), r.result().withAdjustedPValue(adjusted[i]), r.ties()));
        }
        return out;
    }

    private List<Row> perColumn(Samples x, PValueChoice choice, Alternative h1) {
        String reference = requireAgainst();
        List<Row> rows = new ArrayList<>();
        if (isDistribution(reference)) {
            ContinuousDistribution dist = parseDistribution(reference);
            for (int c : columns(x)) {
                double[] v = x.column(c);
                TestResult t = switch (test) {
                    case "ks" -> KolmogorovSmirnov.oneSample(v, dist::cumulativeProbability, h1, choice);
                    case "ad" -> AndersonDarling.oneSample(v, dist);
                    default -> CramerVonMises.oneSample(v, dist);
                };
                rows.add(new Row(x.columnNames().get(c), v.length, null, t));
            }
            return rows;
        }
        Samples y = SampleFiles.readSamples(Path.of(reference));
        for (int c : columns(x)) {
            String name = x.columnNames().get(c);
            int cy = column != null ? findColumn(y, column, reference) : c;
            if (cy >= y.columns()) {
                throw new InvalidInputException(reference + ": has " + y.columns() + " columns, no column " + cy
                        + " to test against " + sample + "'s column '" + name + "'");
            }
            double[] a = x.column(c);
            double[] b = y.column(cy);
            if (test.equals("ks")) {
                KolmogorovSmirnovTwoSampleResult ks = KolmogorovSmirnov.twoSample(a, b, h1, choice);
                rows.add(new Row(name, a.length, b.length, ks.result(), ks.hasTies()));
                continue;
            }
            TestResult t = test.equals("ad") ? AndersonDarling.kSample(List.of(a, b), Permutations.of(permutations, seed))
                    : CramerVonMises.twoSample(a, b, choice);
            rows.add(new Row(name, a.length, b.length, t));
        }
        return rows;
    }

    /**
     * Mean, variance, skewness and kurtosis tests of each column against a fully specified normal or
     * uniform distribution. Up to {@value MonteCarloNull#DEFAULT_MAX_SAMPLE_SIZE} values the skewness and
     * kurtosis p-values come from {@code --permutations} samples drawn from that distribution (seeded with
     * {@code --seed}, streams 2c and 2c + 1 for column c), as the {@code moments} check does, unless
     * {@code --method asymptotic} asks for the normal approximations.
     */
    private List<Row> moments(Samples x, PValueChoice choice) {
        String reference = requireAgainst();
        if (!isDistribution(reference)) {
            throw new InvalidInputException("moments tests against normal(mu,sigma) or uniform(a,b), not a file: '"
                    + reference + "'");
        }
        Matcher m = matchDistribution(reference);
        if (!m.group(1).equals("normal") && !m.group(1).equals("uniform")) {
            throw new InvalidInputException("moments tests against normal(mu,sigma) or uniform(a,b), not "
                    + reference);
        }
        boolean normal = m.group(1).equals("normal");
        CentralMoments ref = normal ? CentralMoments.gaussian(number(m, 2), number(m, 3))
                : CentralMoments.uniform(number(m, 2), number(m, 3));
        ContinuousDistribution distribution = parseDistribution(reference);
        List<Row> rows = new ArrayList<>();
        for (int c : columns(x)) {
            double[] v = x.column(c);
            String name = x.columnNames().get(c);
            TestResult skewness = choice == PValueChoice.ASYMPTOTIC ? MomentTests.skewness(v, ref)
                    : MomentTests.skewness(v, ref, MonteCarloNull.of(distribution, permutations, stream(2 * c)));
            TestResult kurtosis = choice == PValueChoice.ASYMPTOTIC ? MomentTests.kurtosis(v, ref)
                    : MomentTests.kurtosis(v, ref, MonteCarloNull.of(distribution, permutations, stream(2 * c + 1)));
            for (TestResult t : List.of(MomentTests.mean(v, ref), MomentTests.variance(v, ref), skewness, kurtosis)) {
                rows.add(new Row(name, v.length, null, t));
            }
        }
        return rows;
    }

    /** @return the seed of Monte Carlo stream {@code index}, spaced as a check's streams are */
    private long stream(int index) {
        return CheckInput.seedOf(seed, index);
    }

    private List<Row> normality(Samples x) {
        if (against != null) {
            throw new InvalidInputException("normality estimates the mean and sd and takes no --against");
        }
        List<Row> rows = new ArrayList<>();
        for (int c : columns(x)) {
            double[] v = x.column(c);
            rows.add(new Row(x.columnNames().get(c), v.length, null, AndersonDarling.normality(v)));
        }
        return rows;
    }

    /**
     * Jarque–Bera or D'Agostino–Pearson K² per column (location and scale estimated, no {@code --against}). Up
     * to {@value MonteCarloNull#DEFAULT_MAX_SAMPLE_SIZE} values the p-value comes from {@code --permutations}
     * standard normal samples (the statistics do not depend on location and scale), seeded with
     * {@code --seed}, stream c for column c, unless {@code --method asymptotic} asks for the χ²₂ tail.
     */
    private List<Row> omnibus(Samples x, PValueChoice choice) {
        if (against != null) {
            throw new InvalidInputException(test + " estimates the mean and sd and takes no --against");
        }
        boolean jb = test.equals("jb");
        List<Row> rows = new ArrayList<>();
        for (int c : columns(x)) {
            double[] v = x.column(c);
            MonteCarloNull simulation = MonteCarloNull.of(STANDARD_NORMAL, permutations, stream(c));
            TestResult t;
            if (choice == PValueChoice.ASYMPTOTIC) {
                t = jb ? MomentTests.jarqueBera(v) : MomentTests.dagostinoPearson(v);
            } else {
                t = jb ? MomentTests.jarqueBera(v, simulation) : MomentTests.dagostinoPearson(v, simulation);
            }
            rows.add(new Row(x.columnNames().get(c), v.length, null, t));
        }
        return rows;
    }

    private List<Row> henzeZirkler(Samples x, PValueChoice choice) {
        if (against != null) {
            throw new InvalidInputException("hz estimates the mean and covariance and takes no --against");
        }
        if (column != null) {
            throw new InvalidInputException("hz tests all columns as vectors and takes no --column");
        }
        TestResult t = choice == PValueChoice.ASYMPTOTIC ? Multivariate.henzeZirkler(x.toArray(), x.columns())
                : Multivariate.henzeZirkler(x.toArray(), x.columns(), MonteCarloNull.of(STANDARD_NORMAL, permutations,
                        stream(0)).withMaxSampleSize(Multivariate.MONTE_CARLO_MAX_ROWS));
        return List.of(new Row(null, x.rows(), null, t));
    }

    private List<Row> distance(Samples x) {
        String reference = requireAgainst();
        if (isDistribution(reference)) {
            throw new InvalidInputException(test + " compares two files; --against must be a file, not " + reference);
        }
        if (column != null) {
            throw new InvalidInputException(test + " tests all columns as vectors and takes no --column");
        }
        Samples y = SampleFiles.readSamples(Path.of(reference));
        if (y.columns() != x.columns()) {
            throw new InvalidInputException(reference + ": has " + y.columns() + " columns but " + sample + " has "
                    + x.columns());
        }
        double[] a = x.toArray();
        double[] b = y.toArray();
        Permutations options = Permutations.of(permutations, seed);
        TestResult t = test.equals("mmd") ? TwoSampleDistance.mmd(a, b, x.columns(), options)
                : TwoSampleDistance.energy(a, b, x.columns(), options);
        return List.of(new Row(null, x.rows(), y.rows(), t));
    }

    private String requireAgainst() {
        if (against == null) {
            throw new InvalidInputException(test + " needs --against DIST or FILE");
        }
        return against;
    }

    private List<Integer> columns(Samples x) {
        if (column != null) {
            return List.of(findColumn(x, column, sample.toString()));
        }
        List<Integer> all = new ArrayList<>();
        for (int c = 0; c < x.columns(); c++) {
            all.add(c);
        }
        return all;
    }

    private static int findColumn(Samples s, String name, String file) {
        int byName = s.columnNames().indexOf(name);
        if (byName >= 0) {
            return byName;
        }
        if (name.matches("\\d+") && name.length() < 10 && Integer.parseInt(name) < s.columns()) {
            return Integer.parseInt(name);
        }
        throw new InvalidInputException(file + ": no column '" + name + "' (columns: "
                + String.join(", ", s.columnNames()) + ")");
    }


    private static boolean isDistribution(String text) {
        return text.contains("(") || text.contains(")");
    }

    private static Matcher matchDistribution(String text) {
        Matcher m = DISTRIBUTION.matcher(text.strip());
        boolean oneParameter = m.matches() && (m.group(1).equals("t") || m.group(1).equals("exponential"));
        if (!m.matches() || oneParameter == (m.group(3) != null)) {
            throw new InvalidInputException("--against '" + text + "' is not normal(mu,sigma), uniform(a,b), t(df) "
                    + "or exponential(rate)");
        }
        return m;
    }

    /** @return the distribution of a strict {@code normal(mu,sigma)}, {@code uniform(a,b)}, {@code t(df)} or {@code exponential(rate)} */
    static ContinuousDistribution parseDistribution(String text) {
        Matcher m = matchDistribution(text);
        double p1 = number(m, 2);
        switch (m.group(1)) {
            case "normal": {
                double sigma = number(m, 3);
                requirePositive(text, "sigma", sigma);
                return NormalDistribution.of(p1, sigma);
            }
            case "uniform": {
                double b = number(m, 3);
                if (!(b > p1)) {
                    throw new InvalidInputException("--against '" + text + "': b is not above a");
                }
                return UniformContinuousDistribution.of(p1, b);
            }
            case "t":
                requirePositive(text, "df", p1);
                return TDistribution.of(p1);
            default:
                requirePositive(text, "rate", p1);
                return ExponentialDistribution.of(1 / p1);
        }
    }

    private static double number(Matcher m, int group) {
        String s = m.group(group);
        try {
            double v = Double.parseDouble(s);
            if (!Double.isFinite(v) || !s.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?")) {
                throw new NumberFormatException(s);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new InvalidInputException("--against '" + m.group() + "': '" + s + "' is not a finite number", e);
        }
    }

    private static void requirePositive(String text, String name, double v) {
        if (!(v > 0)) {
            throw new InvalidInputException("--against '" + text + "': " + name + " is not strictly positive: " + v);
        }
    }

    private static <E extends Enum<E>> E parseEnum(String option, String value, Class<E> type, String allowed) {
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(option + " is not one of " + allowed + ": '" + value + "'", e);
        }
    }

    /**
     * The one shape of {@code --json}, however many results: {@code {"test", "samples", "alpha",
     * "correction", "verdict", "results": [ … ]}}, each result with the same keys, {@code null}
     * where one does not apply ({@code column} for tests of all columns as vectors, {@code m} for
     * one sample, {@code ties} but for two-sample ks).
     */
    private String toJson(List<Row> rows, boolean rejected) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("test", test);
        root.put("samples", sample.toString());
        root.put("alpha", alpha);
        root.put("correction", "holm");
        root.put("verdict", rejected ? "failed" : "passed");
        ArrayNode results = root.putArray("results");
        rows.forEach(r -> results.add(object(mapper, r)));
        return root.toString();
    }

    private ObjectNode object(ObjectMapper mapper, Row row) {
        ObjectNode o = mapper.createObjectNode();
        o.put("test", test.equals("moments") ? "moments-" + row.result().name() : test);
        o.put("column", row.column());
        o.put("n", row.n());
        o.put("m", row.m());
        putNumber(o, "statistic", row.result().statistic());
        putNumber(o, "pValue", row.result().pValue());
        putNumber(o, "logPValue", row.result().logPValue());
        putNumber(o, "adjustedPValue", row.result().adjustedPValue());
        o.put("rejected", row.result().reject(alpha));
        o.put("method", row.result().method().label());
        o.put("ties", row.ties());
        return o;
    }

    private static void putNumber(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) {
            o.put(key, v);
        } else {
            o.putNull(key);
        }
    }

    private void printTable(PrintWriter out, List<Row> rows) {
        out.printf(Locale.ROOT, "%-12s %-16s %8s %8s %14s %12s %12s  %s%n", "column", "test", "n", "m", "statistic",
                "p-value", "adjusted p", "method");
        for (Row r : rows) {
            String name = test.equals("moments") ? "moments-" + r.result().name() : test;
            out.printf(Locale.ROOT, "%-12s %-16s %8d %8s %14.6g %12.4g %12.4g  %s%n",
                    r.column() == null ? "-" : r.column(), name, r.n(), r.m() == null ? "-" : r.m().toString(),
                    r.result().statistic(), r.result().pValue(), r.result().adjustedPValue(),
                    r.result().method().label() + (Boolean.TRUE.equals(r.ties()) ? " (ties)" : ""));
        }
    }
}
