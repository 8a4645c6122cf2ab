package io.github.latentcheck.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The bucket walk of unsorted samples ({@link SmirnovPath#ofUnsorted}) gives the same path extremes and
 * tie flag as the walk of the sorted samples, on data chosen to stress the buckets: continuous, rounded
 * (ties within and across samples), signed zeros, constant, a lone huge outlier (one crowded bucket),
 * a range wider than the double range's half, and very unequal sizes.
 */
class SmirnovPathTest {
    @Test
    void unsortedWalkEqualsSortedWalk() {
        SplittableRandom rng = new SplittableRandom(7);
        for (int n : new int[] {2, 3, 17, 500, 40_000}) {
            for (int m : new int[] {2, 9, 1000, 60_000}) {
                for (Data data : Data.values()) {
                    double[] x = data.sample(rng, n, 0);
                    double[] y = data.sample(rng, m, 0.05);
                    assertSameWalk(x, y, data + " n = " + n + ", m = " + m);
                }
            }
        }
    }

    private static void assertSameWalk(double[] x, double[] y, String cas) {
        SmirnovPath expected = SmirnovPath.ofSorted(KolmogorovSmirnov.sortedCopy(x), KolmogorovSmirnov.sortedCopy(y), null);
        SmirnovPath actual = SmirnovPath.ofUnsorted(x, y);
        assertThat(actual.plus()).as(cas + ": plus").isEqualTo(expected.plus());
        assertThat(actual.minus()).as(cas + ": minus").isEqualTo(expected.minus());
        assertThat(actual.ties()).as(cas + ": ties").isEqualTo(expected.ties());
    }

    private enum Data {
        NORMAL {
            @Override
            double value(SplittableRandom rng, double shift) {
                return gaussian(rng) + shift;
            }
        },
        ROUNDED {
            @Override
            double value(SplittableRandom rng, double shift) {
                return Math.rint((gaussian(rng) + shift) * 4) / 4;
            }
        },
        SIGNED_ZEROS {
            @Override
            double value(SplittableRandom rng, double shift) {
                return rng.nextBoolean() ? 0.0 : -0.0;
            }
        },
        CONSTANT {
            @Override
            double value(SplittableRandom rng, double shift) {
                return 3.5;
            }
        },
        OUTLIER {
            @Override
            double value(SplittableRandom rng, double shift) {
                return rng.nextInt(1000) == 0 ? 1e12 : gaussian(rng) + shift;
            }
        },
        HUGE_RANGE {
            @Override
            double value(SplittableRandom rng, double shift) {
                return (rng.nextBoolean() ? 1 : -1) * Double.MAX_VALUE * rng.nextDouble();
            }
        };

        abstract double value(SplittableRandom rng, double shift);

        double[] sample(SplittableRandom rng, int size, double shift) {
            double[] v = new double[size];
            for (int i = 0; i < size; i++) {
                v[i] = value(rng, shift);
            }
            return v;
        }

        private static double gaussian(SplittableRandom rng) {
            double u = rng.nextDouble();
            double w = rng.nextDouble();
            return Math.sqrt(-2 * Math.log1p(-u)) * Math.cos(2 * Math.PI * w);
        }
    }
}
