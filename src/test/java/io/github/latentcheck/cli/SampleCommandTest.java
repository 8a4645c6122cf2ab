package io.github.latentcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.latentcheck.data.Latents;
import io.github.latentcheck.data.SampleFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleCommandTest {
    @TempDir
    Path tmp;

    @Test
    void writesSeededLatentsThatDoNotDependOnTheThreadCount() throws IOException {
        Path one = tmp.resolve("one.npy");
        Path two = tmp.resolve("two.npy");

        Cli first = Cli.run("sample", "--prior", "sphere", "--dim", "4", "--samples", "2500", "--seed", "9",
                "--out", one.toString(), "--threads", "1");
        Cli second = Cli.run("sample", "--prior", "sphere", "--dim", "4", "--samples", "2500", "--seed", "9",
                "--out", two.toString(), "--threads", "2");

        assertThat(first.status()).as(first.err()).isZero();
        assertThat(second.status()).as(second.err()).isZero();
        assertThat(Files.readAllBytes(two)).isEqualTo(Files.readAllBytes(one));
        Latents latents = SampleFiles.readLatents(one);
        assertThat(latents.rows()).isEqualTo(2500);
        assertThat(latents.dimension()).isEqualTo(4);
        double[] row = latents.row(17);
        double norm2 = 0;
        for (double v : row) {
            norm2 += v * v;
        }
        // A point on the sphere of radius sqrt(4) = 2; 1e-12 allows for rounding in the normalisation.
        assertThat(Math.sqrt(norm2)).isCloseTo(2.0, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void uniformBoundsComeFromTheOptions() {
        Path out = tmp.resolve("u.csv");

        Cli cli = Cli.run("sample", "--prior", "uniform", "--low", "2", "--high", "3", "--dim", "2", "--samples", "100",
                "--out", out.toString());

        assertThat(cli.status()).as(cli.err()).isZero();
        Latents latents = SampleFiles.readLatents(out);
        for (int r = 0; r < latents.rows(); r++) {
            assertThat(latents.value(r, 0)).isBetween(2.0, 3.0);
        }
    }
}
