package io.github.latentcheck.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.latentcheck.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fixture data, round trips through both formats, file-level refusals and atomic writes. */
class SampleFilesTest {
    private static final Path DATA = Path.of("fixtures", "data");

    @TempDir
    Path dir;

    // Expected values printed by numpy 1.24: [float(v) for v in numpy.load(name)[row]]

    @Test
    void ring8TrainIs20000By2WithKnownFirstAndLastRows() {
        Samples train = SampleFiles.readSamples(DATA.resolve("ring8_train.npy"));

        assertThat(train.rows()).isEqualTo(20000);
        assertThat(train.columns()).isEqualTo(2);
        assertThat(train.columnNames()).containsExactly("x0", "x1");
        assertThat((double) train.value(0, 0)).isEqualTo(1.4265097379684448);
        assertThat((double) train.value(0, 1)).isEqualTo(-1.3994776010513306);
        assertThat((double) train.value(19999, 0)).isEqualTo(1.4139987230300903);
        assertThat((double) train.value(19999, 1)).isEqualTo(-1.4303885698318481);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ring8_train", "ring8_holdout", "grid25_train", "grid25_holdout"})
    void csvFixturesEqualTheirNpyTwinsExactly(String name) {
        Samples npy = SampleFiles.readSamples(DATA.resolve(name + ".npy"));
        Samples csv = SampleFiles.readSamples(DATA.resolve(name + ".csv"));

        assertThat(csv.columnNames()).containsExactly("x0", "x1");
        assertThat(csv.rows()).isEqualTo(npy.rows());
        assertThat(csv.precision()).isEqualTo(Precision.FLOAT64);
        assertThat(npy.precision()).isEqualTo(Precision.FLOAT32);
        assertThat(csv.toFloatArray()).isEqualTo(npy.toFloatArray());
    }

    @Test
    void otherFixturesHaveTheirDocumentedShapesAndValues() {
        Samples ring8Holdout = SampleFiles.readSamples(DATA.resolve("ring8_holdout.npy"));
        Samples grid25Train = SampleFiles.readSamples(DATA.resolve("grid25_train.npy"));
        Samples digitsTrain = SampleFiles.readSamples(DATA.resolve("digits_train.npy"));
        Samples digitsHoldout = SampleFiles.readSamples(DATA.resolve("digits_holdout.npy"));

        assertThat(ring8Holdout.rows()).isEqualTo(5000);
        assertThat((double) ring8Holdout.value(0, 0)).isEqualTo(-2.0038890838623047);
        assertThat((double) grid25Train.value(0, 0)).isEqualTo(-4.0655598640441895);
        assertThat((double) grid25Train.value(19999, 1)).isEqualTo(0.014161611907184124);
        assertThat(digitsTrain.rows()).isEqualTo(1200);
        assertThat(digitsTrain.columns()).isEqualTo(64);
        assertThat(digitsTrain.row(0)).startsWith(0, 0, 0, 0.25, 0.9375, 0.75, 0, 0);
        assertThat(digitsHoldout.rows()).isEqualTo(597);
        for (double v : digitsTrain.toArray()) {
            assertThat(v).isBetween(0.0, 1.0);
            assertThat(v * 16).isEqualTo((double) Math.round(v * 16));
        }
    }

    @Test
    void readsComponentAndLabelArraysAsIntegers() {
        int[] ring8 = SampleFiles.readIntegers(DATA.resolve("ring8_train_component.npy"));
        int[] grid25 = SampleFiles.readIntegers(DATA.resolve("grid25_holdout_component.npy"));
        int[] labels = SampleFiles.readIntegers(DATA.resolve("digits_train_labels.npy"));

        assertThat(ring8).hasSize(20000).startsWith(7, 4, 6, 0, 4);
        assertThat(grid25).hasSize(5000).endsWith(1, 6, 10);
        assertThat(labels).hasSize(1200).startsWith(2, 5, 8, 2, 3);
        assertThat(SampleFiles.readIntegers(DATA.resolve("digits_holdout_labels.npy"))).hasSize(597);
    }

    @Test
    void refusesComponentFilesAsSamplesNamingTheDtype() {
        Path file = DATA.resolve("ring8_train_component.npy");

        assertThatThrownBy(() -> SampleFiles.readSamples(file))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(file + ": dtype '<i4' (int32) is not supported; expected float32 '<f4' or float64 '<f8'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"s.npy", "s.csv", "S.NPY"})
    void samplesRoundTripExactly(String name) {
        float[] values = {0.1f, -0f, Float.MIN_VALUE, Float.MAX_VALUE, -1.17549435E-38f, 1e-3f, 3.4028235e38f, 42};
        Samples samples = Samples.of(4, 2, values).withColumnNames(List.of("left", "right"));
        Path file = dir.resolve(name);

        SampleFiles.write(file, samples);
        Samples back = SampleFiles.readSamples(file);

        assertThat(back.toFloatArray()).isEqualTo(values);
        List<String> expectedNames = name.endsWith(".csv") ? List.of("left", "right") : List.of("x0", "x1");
        assertThat(back.columnNames()).isEqualTo(expectedNames);
    }

    @ParameterizedTest
    @ValueSource(strings = {"s64.npy", "s64.csv"})
    void float64SamplesRoundTripExactly(String name) {
        double[] values = {0.1, 1.0 / 3, -Double.MIN_VALUE, 1e300, 1e8 + 1e-7, -0.0};
        Samples samples = Samples.of(3, 2, values);
        Path file = dir.resolve(name);

        SampleFiles.write(file, samples);
        Samples back = SampleFiles.readSamples(file);

        assertThat(back.precision()).isEqualTo(Precision.FLOAT64);
        assertThat(back.toArray()).isEqualTo(values);
    }

    @ParameterizedTest
    @ValueSource(strings = {"z.npy", "z.csv"})
    void latentsRoundTripInDoublePrecision(String name) {
        double[] values = {0.1, 1.0 / 3, -Double.MIN_VALUE, Double.MAX_VALUE, 1e300, -0.0};
        Path file = dir.resolve(name);

        SampleFiles.write(file, Latents.of(3, 2, values));
        Latents back = SampleFiles.readLatents(file);

        assertThat(back.rows()).isEqualTo(3);
        assertThat(back.toArray()).isEqualTo(values);
    }

    @Test
    void latentsCsvIsHeadedByZNames() throws IOException {
        Path file = dir.resolve("z.csv");

        SampleFiles.write(file, Latents.of(1, 3, new double[] {0.5, -1, 2}));

        assertThat(Files.readString(file)).isEqualTo("z0,z1,z2\n0.5,-1.0,2.0\n");
    }

    @Test
    void writtenNpyIsTheFloat32TypeForSamplesAndFloat64ForLatents() throws IOException {
        Path samples = dir.resolve("s.npy");
        Path latents = dir.resolve("l.npy");

        SampleFiles.write(samples, Samples.of(3, 1, new float[] {1, 2, 3}));
        SampleFiles.write(latents, Latents.of(3, 1, new double[] {1, 2, 3}));

        String samplesHeader = new String(Files.readAllBytes(samples), 10, 118, StandardCharsets.US_ASCII);
        String latentsHeader = new String(Files.readAllBytes(latents), 10, 118, StandardCharsets.US_ASCII);
        assertThat(samplesHeader).startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 1), }   ")
                .endsWith(" \n");
        assertThat(latentsHeader).startsWith("{'descr': '<f8', 'fortran_order': False, 'shape': (3, 1), }   ")
                .endsWith(" \n");
        assertThat(Files.size(samples)).isEqualTo(128 + 12);
        assertThat(Files.size(latents)).isEqualTo(128 + 24);
    }

    @Test
    void refusesMissingFile() {
        Path file = dir.resolve("missing.npy");

        assertThatThrownBy(() -> SampleFiles.readSamples(file))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(file + ": no such file");
        assertThatThrownBy(() -> SampleFiles.readLatents(dir.resolve("missing.csv")))
                .hasMessage(dir.resolve("missing.csv") + ": no such file");
    }

    @Test
    void refusesDirectory() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("looks-like.npy"));

        assertThatThrownBy(() -> SampleFiles.readSamples(folder))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(folder + ": is a directory");
        assertThatThrownBy(() -> SampleFiles.write(folder, Samples.of(1, 1, new float[] {1})))
                .hasMessage(folder + ": is a directory");
    }

    @Test
    void refusesUnknownExtensionsNamingTheAcceptedOnes() throws IOException {
        Path text = Files.writeString(dir.resolve("data.txt"), "x0\n1\n");

        assertThatThrownBy(() -> SampleFiles.readSamples(text))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(text + ": unknown file type; expected a .npy or .csv file");
        assertThatThrownBy(() -> SampleFiles.write(dir.resolve("out.npz"), Samples.of(1, 1, new float[] {1})))
                .hasMessage(dir.resolve("out.npz") + ": unknown file type; expected a .npy or .csv file");
    }

    @ParameterizedTest
    @ValueSource(strings = {"out.npy", "out.csv"})
    void writingIntoAMissingFolderFailsAndLeavesNothing(String name) {
        Path missing = dir.resolve("no-such-folder");
        Path file = missing.resolve(name);

        assertThatThrownBy(() -> SampleFiles.write(file, Samples.of(1, 1, new float[] {1})))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(file + ": cannot write: ")
                .hasMessageContaining(missing.toString());
        assertThat(missing).doesNotExist();
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void aFailedWriteKeepsTheOldFileAndLeavesNoTemporaryFile() throws IOException {
        Path file = Files.writeString(dir.resolve("s.csv"), "x0\n1\n");
        Samples unwritable = Samples.of(1, 2, new float[] {1, 2}).withColumnNames(List.of("a,b", "c"));

        assertThatThrownBy(() -> SampleFiles.write(file, unwritable))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(file + ": column name 'a,b' cannot be written to CSV");
        assertThat(file).hasContent("x0\n1");
        try (Stream<Path> entries = Files.list(dir)) {
            assertThat(entries).containsExactly(file);
        }
    }

    @Test
    void writeReplacesAnExistingFile() throws IOException {
        Path file = Files.writeString(dir.resolve("s.csv"), "old\n1\n");

        SampleFiles.write(file, Samples.of(1, 1, new float[] {2}));

        assertThat(SampleFiles.readSamples(file).toFloatArray()).isEqualTo(new float[] {2});
        try (Stream<Path> entries = Files.list(dir)) {
            assertThat(entries).containsExactly(file);
        }
    }

    @Test
    void writesToARelativePathInTheWorkingFolder() throws IOException {
        Path relative = Path.of("target", "sample-files-test-" + ProcessHandle.current().pid() + ".npy");
        try {
            SampleFiles.write(relative, Samples.of(1, 1, new float[] {5}));

            assertThat(SampleFiles.readSamples(relative).toFloatArray()).isEqualTo(new float[] {5});
        } finally {
            Files.deleteIfExists(relative);
        }
    }
}
