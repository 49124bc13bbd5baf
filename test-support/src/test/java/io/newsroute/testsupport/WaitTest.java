package io.newsroute.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class WaitTest {

    @Test
    void timesOutWithTheMessage() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> Wait.waitForCondition(() -> false, Duration.ofMillis(200), "the flag never flips"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("the flag never flips")
                .hasMessageContaining("200 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200))
                .isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void returnsAsSoonAsTheConditionHolds() {
        AtomicInteger calls = new AtomicInteger();
        Wait.waitForCondition(() -> calls.incrementAndGet() >= 3, Duration.ofSeconds(5), "three calls");
        assertThat(calls).hasValue(3);
    }

    @Test
    void waitForReturnsTheFirstAcceptedValue() {
        AtomicInteger counter = new AtomicInteger();
        int value = Wait.waitFor(counter::incrementAndGet, v -> v >= 4, Duration.ofSeconds(5), "counter reaches 4");
        assertThat(value).isEqualTo(4);
    }

    @Test
    void supplierExceptionsMeanNotYetAndAreAttachedOnTimeout() {
        AtomicInteger calls = new AtomicInteger();
        String value = Wait.waitFor(() -> {
            if (calls.incrementAndGet() < 3) {
                throw new IllegalStateException("still starting");
            }
            return "up";
        }, "up"::equals, Duration.ofSeconds(5), "service up");
        assertThat(value).isEqualTo("up");

        assertThatThrownBy(() -> Wait.waitFor(() -> {
            throw new IllegalStateException("never up");
        }, v -> true, Duration.ofMillis(150), "service up"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("service up")
                .hasMessageContaining("never up")
                .hasCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    void lastValueIsInTheTimeoutMessage() {
        assertThatThrownBy(() -> Wait.waitFor(() -> 41, v -> v == 42, Duration.ofMillis(100), "the answer"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("last value: 41");
    }
}
