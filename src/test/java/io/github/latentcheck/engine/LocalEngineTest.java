package io.github.latentcheck.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.data.Samples;
import io.github.latentcheck.knn.NearestNeighborSearch;
import io.github.latentcheck.knn.Neighbors;
import io.github.latentcheck.knn.ReferenceRows;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The local engine's k-NN of several sets of queries, each with its own k: every answer is that of a
 * search of the set alone, progress runs over all sets, and a bad set is refused before any work.
 */
class LocalEngineTest {
    private static Samples gaussian(long seed, int rows, int columns) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] v = new float[rows * columns];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) rng.nextGaussian();
        }
        return Samples.ofOwned(rows, columns, v);
    }

    @Test
    void eachSetGetsTheNeighboursOfASearchOfItsOwn() {
        Samples training = gaussian(1, 700, 16);
        Samples samples = gaussian(2, 90, 16);
        Samples holdout = gaussian(3, 60, 16);
        List<Long> told = Collections.synchronizedList(new ArrayList<>());
        List<Neighbors> found = Engine.local().nearest(List.of(new Engine.Queries(samples, 12),
                new Engine.Queries(holdout, 1)), ReferenceRows.of(training), 2, told::add);
        Neighbors alone12 = NearestNeighborSearch.withDefaults().withK(12).search(samples, training);
        Neighbors alone1 = NearestNeighborSearch.withDefaults().withK(1).search(holdout, training);
        assertThat(found).hasSize(2);
        assertSame(found.get(0), alone12);
        assertSame(found.get(1), alone1);
        // The second set's progress follows the first's 90 rows; the last count is the total.
        assertThat(told).allSatisfy(rows -> assertThat(rows).isBetween(0L, 150L));
        assertThat(Collections.max(told)).isEqualTo(150L);
        assertThat(told).contains(90L);
    }

    private static void assertSame(Neighbors actual, Neighbors expected) {
        assertThat(actual.queries()).isEqualTo(expected.queries());
        assertThat(actual.k()).isEqualTo(expected.k());
        for (int q = 0; q < expected.queries(); q++) {
            for (int r = 0; r < expected.k(); r++) {
                assertThat(actual.index(q, r)).isEqualTo(expected.index(q, r));
                assertThat(actual.distance(q, r)).isEqualTo(expected.distance(q, r));
            }
        }
    }

    /**
     * The local engine's one scan for the samples' neighbours and the membership count gives what the
     * two passes give (the interface's default, as the spark engine runs it), bit for bit.
     */
    @Test
    void oneScanForTheNeighboursAndTheMembershipCountIsTheTwoPasses() {
        ReferenceRows training = ReferenceRows.of(gaussian(8, 3000, 24));
        Samples samples = gaussian(9, 300, 24);
        Samples holdout = gaussian(10, 200, 24);
        double[] holdoutDistances = NearestNeighborSearch.withDefaults().search(holdout, samples).distances(0);
        List<Engine.Queries> sets = List.of(new Engine.Queries(samples, 10), new Engine.Queries(holdout, 1));
        Engine twoPasses = new Engine() {
            @Override
            public String name() {
                return "two passes";
            }

            @Override
            public List<Neighbors> nearest(List<Queries> queries, ReferenceRows rows, int threads,
                    java.util.function.LongConsumer progress) {
                return Engine.local().nearest(queries, rows, threads, progress);
            }

            @Override
            public long membershipCount(ReferenceRows rows, Samples generated, double[] distances, int threads,
                    java.util.function.LongConsumer progress) {
                return Engine.local().membershipCount(rows, generated, distances, threads, progress);
            }

            @Override
            public float[] range(ReferenceRows rows) {
                return Engine.local().range(rows);
            }
        };
        List<Long> told = Collections.synchronizedList(new ArrayList<>());
        Engine.NearestAndMembership one = Engine.local().nearestAndMembership(sets, training, holdoutDistances, 2,
                told::add);
        Engine.NearestAndMembership two = twoPasses.nearestAndMembership(sets, training, holdoutDistances, 2,
                rows -> { });
        assertThat(one.membershipCount()).isEqualTo(two.membershipCount())
                .isEqualTo(Engine.local().membershipCount(training, samples, holdoutDistances, 1, rows -> { }));
        assertSame(one.nearest().get(0), two.nearest().get(0));
        assertSame(one.nearest().get(1), two.nearest().get(1));
        assertThat(Collections.max(told)).isEqualTo(300L + 200 + 3000);
    }

    @Test
    void aSetWithTooLargeAKIsRefusedBeforeAnySearch() {
        Samples training = gaussian(4, 20, 8);
        List<Long> told = new ArrayList<>();
        assertThatThrownBy(() -> Engine.local().nearest(List.of(new Engine.Queries(gaussian(5, 10, 8), 3),
                new Engine.Queries(gaussian(6, 10, 8), 21)), ReferenceRows.of(training), 1, told::add))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("k-nearest-neighbour search needs at least 21 reference rows: 20");
        assertThat(told).isEmpty();
        assertThatThrownBy(() -> Engine.local().nearest(List.of(new Engine.Queries(gaussian(7, 10, 9), 1)),
                ReferenceRows.of(training), 1, told::add))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("queries have 9 columns but the reference rows have 8");
        assertThatThrownBy(() -> new Engine.Queries(training, 0)).isInstanceOf(InvalidInputException.class)
                .hasMessage("k is not at least 1: 0");
    }
}
