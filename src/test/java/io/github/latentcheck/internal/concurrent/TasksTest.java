package io.github.latentcheck.internal.concurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.latentcheck.InvalidInputException;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TasksTest {

    @ParameterizedTest(name = "threads={0}")
    @ValueSource(ints = {1, 2, 8})
    void runsEveryTaskExactlyOnce(int threads) {
        for (int call = 0; call < 50; call++) {
            AtomicIntegerArray runs = new AtomicIntegerArray(37);
            Tasks.run(runs.length(), threads, runs::incrementAndGet);
            for (int i = 0; i < runs.length(); i++) {
                assertThat(runs.get(i)).as("task %d, call %d", i, call).isEqualTo(1);
            }
        }
    }

    @Test
    void tasksMayRunTasksOfTheirOwn() {
        AtomicIntegerArray runs = new AtomicIntegerArray(4 * 5);
        Tasks.run(4, 2, outer -> Tasks.run(5, 2, inner -> runs.incrementAndGet(outer * 5 + inner)));
        for (int i = 0; i < runs.length(); i++) {
            assertThat(runs.get(i)).isEqualTo(1);
        }
    }

    @Test
    void aTasksBadInputReachesTheCallerUnwrapped() {
        assertThatThrownBy(() -> Tasks.run(10, 2, i -> {
            if (i == 7) {
                throw new InvalidInputException("row 7 is not finite");
            }
        })).isInstanceOf(InvalidInputException.class).hasMessage("row 7 is not finite");
        AtomicIntegerArray runs = new AtomicIntegerArray(3);
        Tasks.run(3, 2, runs::incrementAndGet);
        assertThat(runs.get(0) + runs.get(1) + runs.get(2)).as("the pool still works").isEqualTo(3);
    }

    @Test
    void anErrorInATaskReachesTheCallerUnwrapped() {
        assertThatThrownBy(() -> Tasks.run(10, 2, i -> {
            if (i == 3) {
                throw new OutOfMemoryError("task 3");
            }
        })).isInstanceOf(OutOfMemoryError.class).hasMessage("task 3");
        AtomicIntegerArray runs = new AtomicIntegerArray(3);
        Tasks.run(3, 2, runs::incrementAndGet);
        assertThat(runs.get(0) + runs.get(1) + runs.get(2)).as("the pool still works").isEqualTo(3);
    }

    @Test
    void rejectsFewerThanOneThread() {
        assertThatThrownBy(() -> Tasks.run(3, 0, i -> { })).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("threads");
    }
}
