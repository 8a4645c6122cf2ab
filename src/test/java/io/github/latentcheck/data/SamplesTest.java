package io.github.latentcheck.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SamplesTest {
    @Test
    void copyRowsCopiesTheRowsAskedFor() {
        Samples s = Samples.of(3, 2, new float[] {1, 2, 3, 4, 5, 6});
        float[] target = new float[4];
        s.copyRows(1, 3, target);
        assertThat(target).containsExactly(3, 4, 5, 6);
        assertThatThrownBy(() -> s.copyRows(2, 4, target)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void firstNonFiniteIsTheRowMajorIndexOfTheFirstNanOrInfinity() {
        assertThat(Samples.of(2, 2, new float[] {1, 2, 3, 4}).firstNonFinite()).isEqualTo(-1);
        Samples bad = Samples.of(2, 2, new float[] {1, 2, Float.NEGATIVE_INFINITY, Float.NaN});
        assertThat(bad.firstNonFinite()).isEqualTo(2);
        assertThat(bad.firstNonFinite()).as("asked again").isEqualTo(2);
    }
}
