package io.github.latentcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.latentcheck.power.DistanceTestPower;
import io.github.latentcheck.power.KolmogorovSmirnovPower;
import io.github.latentcheck.power.MeanTestPower;
import io.github.latentcheck.power.QuadraticEdfPower;
import io.github.latentcheck.power.VarianceTestPower;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Power demands in specs ({@code power: {effect, at_least}}): an underpowered check fails its gates with the
 * reason in every output, a large enough run passes, bad demands are exit 2 with the spec line, and
 * {@code latentcheck plan} prints the sample counts.
 */
class PowerCommandTest {
    /** What follows the power in the KS check's reason (the power itself is checked against the model). */
    private static final String REASON = " < 0.8 to detect KS distance 0.05 with n = 300 at alpha 0.01 (0.00250 per test) "
            + "(need n >= ";

    @TempDir
    Path tmp;

    @Test
    void underpoweredExperimentFailsEveryGateOnItsChecksWithTheReason() throws IOException {
        Cli cli = Cli.run("run", "experiments/underpowered.yaml", "--out", tmp.toString());

        assertThat(cli.status()).as(cli.err()).isEqualTo(1);
        KolmogorovSmirnovPower ks = KolmogorovSmirnovPower.withDefaults();
        double power = ks.power(300, 0.01 / 4, 0.05);
        long required = ks.requiredSamples(0.01 / 4, 0.05, 0.8);
        String reason = String.format(java.util.Locale.ROOT, "underpowered: power %.3g", power) + REASON + required + ")";
        assertThat(power).isBetween(0.05, 0.2);
        assertThat(cli.out()).contains("latent-ks.rejected == 0").contains("FAIL (" + reason + ")")
                .contains("moments.power >= 0.8").contains("underpowered: power 0.0457 < 0.8 to detect mean shift "
                        + "(in sd) 0.1 with n = 300 at alpha 0.01 (0.000625 per test) (need n >= 1817)");
        JsonNode results = new ObjectMapper().readTree(tmp.resolve("results.json").toFile());
        JsonNode gate = results.get("gates").get(0);
        assertThat(gate.get("expression").asText()).isEqualTo("latent-ks.rejected == 0");
        assertThat(gate.get("value").asLong()).isZero();
        assertThat(gate.get("passed").asBoolean()).isFalse();
        assertThat(gate.get("reason").asText()).isEqualTo(reason);
        assertThat(results.get("gates").get(1).get("expression").asText()).isEqualTo("moments.power >= 0.8");
        JsonNode metrics = results.get("runs").get(0).get("checks").get(0).get("metrics");
        assertThat(metrics.get("power").asDouble()).isEqualTo(power);
        assertThat(metrics.get("requiredSamples").asLong()).isEqualTo(required);
        assertThat(metrics.get("detectableEffect").asDouble()).isBetween(0.09, 0.12);
        assertThat(Files.readString(tmp.resolve("junit.xml"), StandardCharsets.UTF_8)).contains("<failure")
                .contains("message=\"" + escaped(reason) + "; latent-ks.rejected = 0\"");
        assertThat(Files.readString(tmp.resolve("index.html"), StandardCharsets.UTF_8)).contains(escaped(reason));
        assertThat(Files.readString(tmp.resolve("summary.md"), StandardCharsets.UTF_8)).contains(reason);
    }

    private static String escaped(String text) {
        return text.replace("<", "&lt;").replace(">", "&gt;");
    }

    @Test
    void enoughSamplesPassTheSameDemands() throws IOException {
        Cli cli = Cli.run("run", "experiments/underpowered.yaml", "--out", tmp.toString(), "--samples", "2000",
                "--json");

        assertThat(cli.status()).as(cli.err() + cli.out()).isZero();
        JsonNode results = new ObjectMapper().readTree(cli.out());
        for (JsonNode gate : results.get("gates")) {
            assertThat(gate.get("passed").asBoolean()).isTrue();
            assertThat(gate.has("reason")).isFalse();
        }
        JsonNode moments = results.get("runs").get(0).get("checks").get(1).get("metrics");
        assertThat(moments.get("power").asDouble()).isEqualTo(MeanTestPower.of().power(2000, 0.01 / 16, 0.1));
        assertThat(moments.get("detectableVarianceInflation").asDouble())
                .isEqualTo(VarianceTestPower.of().detectableEffect(2000, 0.01 / 16, 0.8));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "effect 0|power: {effect: 0, at_least: 0.8}|spec.yaml:9: checks[0].power.effect (a KS distance) is not in (0, 1): 0",
        "KS effect 1|power: {effect: 1, at_least: 0.8}|spec.yaml:9: checks[0].power.effect (a KS distance) is not in (0, 1): 1",
        "at_least 1.2|power: {effect: 0.05, at_least: 1.2}|spec.yaml:9: checks[0].power.at_least is not in (0, 1): 1.2",
        "at_least 0|power: {effect: 0.05, at_least: 0}|spec.yaml:9: checks[0].power.at_least is not in (0, 1): 0",
        "unknown key|power: {effect: 0.05, at_leats: 0.8}|spec.yaml:9: unknown key 'at_leats' in checks[0].power",
        "missing effect|power: {at_least: 0.8}|spec.yaml:9: checks[0].power is missing the key 'effect'",
        "not a map|power: 0.8|spec.yaml:9: checks[0].power is not a map of options",
    })
    void badPowerDemandsAreExitTwoWithTheLine(String name, String line, String message) throws IOException {
        assertRefused("""
                  - type: latent-ks
                    alpha: 0.01
                    LINE
                """.replace("LINE", line), message);
    }

    @Test
    void aNegativeMeanShiftIsRefused() throws IOException {
        assertRefused("""
                  - type: moments
                    power: {effect: -0.1}
                """, "spec.yaml:8: checks[0].power.effect (a mean shift (in sd)) is not strictly positive: -0.1");
    }

    @Test
    void aCheckWithoutPowerRefusesTheKey() throws IOException {
        assertRefused("""
                  - {type: latent-independence, power: {effect: 0.05}}
                """, "spec.yaml:7: unknown key 'power' in checks[0]");
    }

    /**
     * marginal-ks: the effective size nm/(n + m) and, in the reason, the generated rows that reach the
     * required effective size, or that the training rows cannot.
     */
    @Test
    void marginalKolmogorovSmirnovReportsTheGeneratedRowsNeeded() throws IOException {
        Path spec = tmp.resolve("spec.yaml");
        Files.writeString(spec, """
                name: marginal-power
                samples: 500
                latent_dim: 3
                priors: [gaussian]
                generator: {type: ring}
                data: {training: TRAINING}
                checks:
                  - {type: marginal-ks, alpha: 0.001, power: {effect: 0.03}}
                  - {type: marginal-ks, id: tiny, alpha: 0.001, power: {effect: 0.01}}
                """.replace("TRAINING", Path.of("fixtures/data/ring8_train.npy").toAbsolutePath().toString()));

        Cli cli = Cli.run("run", spec.toString(), "--out", tmp.resolve("out").toString());

        assertThat(cli.status()).as(cli.err()).isEqualTo(1);
        KolmogorovSmirnovPower ks = KolmogorovSmirnovPower.withDefaults();
        long effective = ks.requiredSamples(0.001 / 2, 0.03, 0.8);
        long draws = (long) Math.ceil(effective * 20000.0 / (20000 - effective));
        assertThat(cli.out()).contains("marginal-ks.power >= 0.8").contains("with effective n = 488 (nm/(n + m) "
                + "with n = 500, m = 20000) at alpha 0.001 (0.000500 per test) (need effective n >= " + effective
                + ", i.e. n >= " + draws + " against 20000 training rows))")
                .contains("tiny.power >= 0.8").contains(", which 20000 training rows cannot give))");
        assertThat(effective).isBetween(3500L, 5500L);
    }

    /**
     * latent-ad and latent-cvm: the same demand (a KS distance of a shift in normal scores) with the
     * Anderson–Darling and Cramér–von Mises power models; too few draws fail every gate on them with the reason,
     * and the metrics are the models' numbers.
     */
    @Test
    void underpoweredAndersonDarlingAndCramerVonMisesChecksFailWithTheReason() throws IOException {
        Path spec = tmp.resolve("spec.yaml");
        Files.writeString(spec, """
                name: edf-power
                samples: 200
                latent_dim: 2
                priors: [gaussian]
                generator: {type: identity}
                checks:
                  - {type: latent-ad, alpha: 0.01, power: {effect: 0.05}}
                  - {type: latent-cvm, alpha: 0.01, power: {effect: 0.05, at_least: 0.9}}
                gates:
                  - latent-ad.rejected == 0
                """);

        Cli cli = Cli.run("run", spec.toString(), "--out", tmp.resolve("out").toString(), "--json");

        assertThat(cli.status()).as(cli.err()).isEqualTo(1);
        JsonNode results = new ObjectMapper().readTree(cli.out());
        String[] names = {"ad", "cvm"};
        double[] demanded = {0.8, 0.9};
        for (int c = 0; c < 2; c++) {
            QuadraticEdfPower model = QuadraticEdfPower.of(QuadraticEdfPower.Statistic.values()[c]);
            double power = model.power(200, 0.01 / 2, 0.05);
            long required = model.requiredSamples(0.01 / 2, 0.05, demanded[c]);
            JsonNode metrics = results.get("runs").get(0).get("checks").get(c).get("metrics");
            assertThat(metrics.get("detectableEffect").asDouble()).isEqualTo(model.detectableEffect(200, 0.01 / 2, 0.8));
            assertThat(metrics.get("power").asDouble()).isEqualTo(power).isBetween(0.1, 0.4);
            assertThat(metrics.get("requiredSamples").asLong()).isEqualTo(required).isBetween(800L, 2500L);
            JsonNode gate = results.get("gates").get(c);
            assertThat(gate.get("expression").asText()).isEqualTo(c == 0 ? "latent-ad.rejected == 0"
                    : "latent-cvm.power >= 0.9");
            assertThat(gate.get("passed").asBoolean()).as(names[c]).isFalse();
            assertThat(gate.get("reason").asText()).isEqualTo(String.format(java.util.Locale.ROOT,
                    "underpowered: power %.3g < %s to detect KS distance 0.05 with n = 200 at alpha 0.01 (0.00500 per "
                            + "test) (need n >= %d)", power, demanded[c], required));
        }
    }

    /**
     * marginal-ad and marginal-cvm: their power models at the effective size, as marginal-ks; with 19 permutations
     * the AD p-value is never below 1/20, above the per-test level, so no sample can give it power.
     */
    @Test
    void marginalAndersonDarlingAndCramerVonMisesUseTheEffectiveSize() throws IOException {
        Path spec = tmp.resolve("spec.yaml");
        Files.writeString(spec, """
                name: marginal-edf-power
                samples: 300
                latent_dim: 3
                priors: [gaussian]
                generator: {type: ring}
                data: {training: TRAINING}
                checks:
                  - {type: marginal-ad, alpha: 0.001, permutations: 19, power: {effect: 0.03}}
                  - {type: marginal-cvm, alpha: 0.001, power: {effect: 0.03}}
                """.replace("TRAINING", Path.of("fixtures/data/ring8_train.npy").toAbsolutePath().toString()));

        Cli cli = Cli.run("run", spec.toString(), "--out", tmp.resolve("out").toString(), "--json");

        assertThat(cli.status()).as(cli.err()).isEqualTo(1);
        JsonNode results = new ObjectMapper().readTree(cli.out());
        JsonNode ad = results.get("gates").get(0);
        assertThat(ad.get("expression").asText()).isEqualTo("marginal-ad.power >= 0.8");
        assertThat(ad.get("reason").asText()).isEqualTo("underpowered: the permutation p-value is never below "
                + "1/(B + 1) = 0.0500 with 19 permutations, so no sample detects KS distance 0.03 at alpha 0.001 "
                + "(0.000500 per test) (need permutations >= 2000)");
        JsonNode adMetrics = results.get("runs").get(0).get("checks").get(0).get("metrics");
        assertThat(adMetrics.get("detectableEffect").isNull()).isTrue();
        assertThat(adMetrics.get("power").asDouble()).isZero();
        assertThat(adMetrics.get("requiredSamples").asLong()).isEqualTo(-1);
        long effective = QuadraticEdfPower.of(QuadraticEdfPower.Statistic.CRAMER_VON_MISES)
                .requiredSamples(0.001 / 2, 0.03, 0.8);
        long draws = (long) Math.ceil(effective * 20000.0 / (20000 - effective));
        assertThat(results.get("gates").get(1).get("reason").asText()).endsWith("with effective n = 296 (nm/(n + m) "
                + "with n = 300, m = 20000) at alpha 0.001 (0.000500 per test) (need effective n >= " + effective
                + ", i.e. n >= " + draws + " against 20000 training rows)");
    }

    /**
     * mmd and energy: the mean-shift model at the effective size of the rows kept (60 generated against the 500 of
     * max_rows); too few rows fail the power gate with the reason, a large enough effect passes it, and an alpha at
     * the permutation p-value's floor 1/(B + 1) fails with the permutations needed.
     */
    @Test
    void distanceChecksReportTheirPowerAndFailWhenUnderpowered() throws IOException {
        Path spec = tmp.resolve("spec.yaml");
        Files.writeString(spec, """
                name: distance-power
                samples: 60
                latent_dim: 3
                priors: [gaussian]
                generator: {type: ring}
                data: {training: TRAINING}
                checks:
                  - {type: mmd, permutations: 199, power: {effect: 0.3}}
                  - {type: energy, id: large, permutations: 199, power: {effect: 3, at_least: 0.9}}
                  - {type: energy, id: floor, alpha: 0.001, permutations: 99, power: {effect: 0.3}}
                """.replace("TRAINING", Path.of("fixtures/data/ring8_train.npy").toAbsolutePath().toString()));

        Cli cli = Cli.run("run", spec.toString(), "--out", tmp.resolve("out").toString(), "--json");

        assertThat(cli.status()).as(cli.err()).isEqualTo(1);
        JsonNode results = new ObjectMapper().readTree(cli.out());
        JsonNode checks = results.get("runs").get(0).get("checks");
        JsonNode gates = results.get("gates");
        DistanceTestPower mmd = DistanceTestPower.of(DistanceTestPower.Statistic.MMD, 2, 199);
        double power = mmd.power(54, 0.05, 0.3);
        long effective = mmd.requiredSamples(0.05, 0.3, 0.8);
        long draws = (long) Math.ceil(effective * 500.0 / (500 - effective));
        assertThat(power).isBetween(0.05, 0.6);
        assertThat(draws).isBetween(61L, 500L);
        JsonNode metrics = checks.get(0).get("metrics");
        assertThat(metrics.get("detectableEffect").asDouble()).isEqualTo(mmd.detectableEffect(54, 0.05, 0.8));
        assertThat(metrics.get("power").asDouble()).isEqualTo(power);
        assertThat(metrics.get("requiredSamples").asLong()).isEqualTo(effective);
        assertThat(gates.get(0).get("expression").asText()).isEqualTo("mmd.power >= 0.8");
        assertThat(gates.get(0).get("reason").asText()).isEqualTo(String.format(Locale.ROOT, "underpowered: power "
                + "%.3g < 0.8 to detect mean shift (in sd) 0.3 with effective n = 54 (nm/(n + m) with n = 60, m = 500) "
                + "at alpha 0.05 (0.0500 per test) (need effective n >= %d, i.e. n >= %d against 500 training rows)",
                power, effective, draws));
        assertThat(gates.get(1).get("expression").asText()).isEqualTo("large.power >= 0.9");
        assertThat(gates.get(1).get("passed").asBoolean()).isTrue();
        assertThat(checks.get(1).get("metrics").get("power").asDouble()).isEqualTo(DistanceTestPower
                .of(DistanceTestPower.Statistic.ENERGY, 2, 199).power(54, 0.05, 3)).isGreaterThan(0.9);
        assertThat(gates.get(2).get("reason").asText()).isEqualTo("underpowered: the permutation p-value is never "
                + "below 1/(B + 1) = 0.0100 with 99 permutations, so no sample detects mean shift (in sd) 0.3 at alpha "
                + "0.001 (0.00100 per test) (need permutations >= 1000)");
        assertThat(checks.get(2).get("metrics").get("detectableEffect").isNull()).isTrue();
        assertThat(Files.readString(tmp.resolve("out").resolve("index.html"), StandardCharsets.UTF_8))
                .contains("need permutations &gt;= 1000");

        Cli plan = Cli.run("plan", spec.toString(), "--json");
        assertThat(plan.status()).as(plan.err()).isZero();
        JsonNode planned = new ObjectMapper().readTree(plan.out()).get("checks");
        assertThat(planned).hasSize(3);
        assertThat(planned.get(0).get("check").asText()).isEqualTo("mmd");
        assertThat(planned.get(0).get("unit").asText()).isEqualTo("mean shift (in sd)");
        assertThat(planned.get(0).get("n").asInt()).isEqualTo(54);
        assertThat(planned.get(0).get("requiredDraws").asLong()).isEqualTo(draws);
        assertThat(planned.get(1).get("check").asText()).isEqualTo("large");
        assertThat(planned.get(2).get("detectableEffect").isNull()).isTrue();
        assertThat(planned.get(2).get("requiredSamples").asLong()).isEqualTo(-1);
        Cli table = Cli.run("plan", spec.toString());
        assertThat(table.out()).contains("no n: permutations >= 1000 for power 0.8 at mean shift (in sd) 0.3");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "mmd effect 0|mmd|power: {effect: 0}|spec.yaml:8: checks[0].power.effect (a mean shift (in sd)) is not strictly positive: 0",
        "energy at_least 1|energy|power: {effect: 0.2, at_least: 1}|spec.yaml:8: checks[0].power.at_least is not in (0, 1): 1",
        "energy unknown key|energy|power: {effect: 0.2, atleast: 0.9}|spec.yaml:8: unknown key 'atleast' in checks[0].power",
    })
    void badDistancePowerDemandsAreExitTwoWithTheLine(String name, String type, String line, String message)
            throws IOException {
        assertRefused("""
                  - type: TYPE
                    LINE
                """.replace("TYPE", type).replace("LINE", line), message);
    }

    /**
     * Runs a spec of the given checks (its first check on line 7) and expects exit 2 with one line
     * holding the message, and no output.
     */
    private void assertRefused(String checks, String message) throws IOException {
        Path spec = tmp.resolve("spec.yaml");
        Files.writeString(spec, """
                name: bad-power
                samples: 100
                latent_dim: 2
                priors: [gaussian]
                generator: {type: identity}
                checks:
                """ + checks);

        Cli cli = Cli.run("run", spec.toString(), "--out", tmp.resolve("out").toString());

        assertThat(cli.status()).isEqualTo(2);
        assertThat(cli.err()).startsWith("latentcheck: ").contains(message);
        assertThat(cli.err().lines()).hasSize(1);
        assertThat(tmp.resolve("out")).doesNotExist();
    }

    @Test
    void planListsEveryCheckWithAPowerModel() throws IOException {
        Path spec = tmp.resolve("spec.yaml");
        Files.writeString(spec, """
                name: plan-edf
                samples: 400
                latent_dim: 4
                priors: [gaussian]
                generator: {type: identity}
                checks:
                  - {type: latent-ks, power: {effect: 0.05}}
                  - {type: latent-ad, power: {effect: 0.05}}
                  - {type: latent-cvm}
                """);

        Cli cli = Cli.run("plan", spec.toString(), "--json");

        assertThat(cli.status()).as(cli.err()).isZero();
        JsonNode checks = new ObjectMapper().readTree(cli.out()).get("checks");
        assertThat(checks).hasSize(3);
        assertThat(checks.get(1).get("check").asText()).isEqualTo("latent-ad");
        assertThat(checks.get(1).get("unit").asText()).isEqualTo("KS distance");
        QuadraticEdfPower ad = QuadraticEdfPower.of(QuadraticEdfPower.Statistic.ANDERSON_DARLING);
        assertThat(checks.get(1).get("requiredSamples").asLong()).isEqualTo(ad.requiredSamples(0.05 / 4, 0.05, 0.8))
                .isLessThan(checks.get(0).get("requiredSamples").asLong());
        assertThat(checks.get(2).get("check").asText()).isEqualTo("latent-cvm");
        assertThat(checks.get(2).get("detectableEffect").asDouble()).isEqualTo(QuadraticEdfPower
                .of(QuadraticEdfPower.Statistic.CRAMER_VON_MISES).detectableEffect(400, 0.05 / 4, 0.8));
        assertThat(checks.get(2).has("requiredSamples")).isFalse();

        Cli test = Cli.run("plan", "--test", "cvm", "--effect", "0.05", "--samples", "400", "--json");
        assertThat(test.status()).as(test.err()).isZero();
        assertThat(new ObjectMapper().readTree(test.out()).get("detectableEffect").asDouble())
                .isEqualTo(QuadraticEdfPower.of(QuadraticEdfPower.Statistic.CRAMER_VON_MISES)
                        .detectableEffect(400, 0.05, 0.8));
    }

    @Test
    void planForASpecPrintsTheSamplesEachCheckNeeds() throws IOException {
        Cli table = Cli.run("plan", "experiments/underpowered.yaml");

        assertThat(table.status()).as(table.err()).isZero();
        long ks = KolmogorovSmirnovPower.withDefaults().requiredSamples(0.01 / 4, 0.05, 0.8);
        assertThat(table.out()).contains("underpowered: 300 samples per prior")
                .contains("n >= " + ks + " for power 0.8 at KS distance 0.05")
                .contains("n >= 1817 for power 0.8 at mean shift (in sd) 0.1");

        Cli json = Cli.run("plan", "experiments/underpowered.yaml", "--power", "0.9", "--json");
        assertThat(json.status()).as(json.err()).isZero();
        JsonNode root = new ObjectMapper().readTree(json.out());
        assertThat(root.get("samples").asInt()).isEqualTo(300);
        JsonNode moments = root.get("checks").get(1);
        assertThat(moments.get("check").asText()).isEqualTo("moments");
        assertThat(moments.get("atLeast").asDouble()).isEqualTo(0.9);
        assertThat(moments.get("tests").asInt()).isEqualTo(16);
        assertThat(moments.get("requiredSamples").asLong())
                .isEqualTo(MeanTestPower.of().requiredSamples(0.01 / 16, 0.1, 0.9));
    }

    @Test
    void planForOneTestPrintsTheSampleCount() throws IOException {
        Cli ks = Cli.run("plan", "--test", "ks", "--effect", "0.05");
        long needed = KolmogorovSmirnovPower.withDefaults().requiredSamples(0.05, 0.05, 0.8);
        assertThat(ks.status()).as(ks.err()).isZero();
        assertThat(ks.out()).isEqualTo(String.format("ks: to detect a KS distance of 0.05 with power 0.8 at alpha 0.05 "
                + "over 1 tests (0.0500 per test): n >= %d%n", needed));
        assertThat(needed).isBetween(600L, 720L);

        Cli mean = Cli.run("plan", "--test", "mean", "--effect", "0.1", "--tests", "8", "--alpha", "0.01",
                "--samples", "300", "--json");
        assertThat(mean.status()).as(mean.err()).isZero();
        JsonNode o = new ObjectMapper().readTree(mean.out());
        assertThat(o.get("perTestAlpha").asDouble()).isEqualTo(0.01 / 8);
        assertThat(o.get("requiredSamples").asLong()).isEqualTo(MeanTestPower.of().requiredSamples(0.01 / 8, 0.1, 0.8));
        assertThat(o.get("powerAtSamples").asDouble()).isEqualTo(MeanTestPower.of().power(300, 0.01 / 8, 0.1));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "no spec and no test|--effect 0.1|plan needs SPEC.yaml, or --test ks",
        "unknown test|--test kz --effect 0.1|--test is not ks, ad, cvm or mean: 'kz'",
        "AD effect 1|--test ad --effect 1|--effect (a KS distance) is not in (0, 1): 1.0",
        "KS effect above 1|--test ks --effect 1.5|--effect (a KS distance) is not in (0, 1): 1.5",
        "negative mean effect|--test mean --effect -1|--effect (a mean shift (in sd)) is not in (0, infinity): -1.0",
        "power 1|--test mean --effect 0.1 --power 1|--power is not in (0, 1): 1.0",
        "alpha 0|--test mean --effect 0.1 --alpha 0|--alpha is not in (0, 1): 0.0",
        "bad correction|--test mean --effect 0.1 --correction holmes|--correction is not one of",
        "spec with effect|experiments/underpowered.yaml --effect 0.1|--effect is not taken with SPEC.yaml",
    })
    void badPlanInputIsExitTwo(String name, String args, String message) {
        Cli cli = Cli.run(("plan " + args).split(" "));

        assertThat(cli.status()).isEqualTo(2);
        assertThat(cli.err()).startsWith("latentcheck: ").contains(message);
    }
}
