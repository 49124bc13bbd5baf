package io.newsroute.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RetryBackoffTest {

    @Test
    void ceilingDoublesUpToTheCap() {
        RetryBackoff backoff = new RetryBackoff(200, 10_000, bound -> 0);

        assertThat(backoff.ceilingMs(0)).isEqualTo(200);
        assertThat(backoff.ceilingMs(1)).isEqualTo(400);
        assertThat(backoff.ceilingMs(2)).isEqualTo(800);
        assertThat(backoff.ceilingMs(5)).isEqualTo(6_400);
        assertThat(backoff.ceilingMs(6)).isEqualTo(10_000);
        assertThat(backoff.ceilingMs(40)).isEqualTo(10_000);
        assertThat(backoff.ceilingMs(63)).isEqualTo(10_000);
        assertThat(backoff.ceilingMs(Integer.MAX_VALUE)).isEqualTo(10_000);
    }

    @Test
    void jitterSpreadsOverTheUpperHalf() {
        RetryBackoff lowest = new RetryBackoff(200, 10_000, bound -> 0);
        RetryBackoff highest = new RetryBackoff(200, 10_000, bound -> bound);

        assertThat(lowest.delayMs(0)).isEqualTo(100);
        assertThat(highest.delayMs(0)).isEqualTo(200);
        assertThat(lowest.delayMs(3)).isEqualTo(800);
        assertThat(highest.delayMs(3)).isEqualTo(1_600);
        assertThat(lowest.delayMs(20)).isEqualTo(5_000);
        assertThat(highest.delayMs(20)).isEqualTo(10_000);
    }

    @Test
    void jitterOutOfRangeIsClamped() {
        assertThat(new RetryBackoff(200, 10_000, bound -> bound * 10).delayMs(0)).isEqualTo(200);
        assertThat(new RetryBackoff(200, 10_000, bound -> -5).delayMs(0)).isEqualTo(100);
    }

    @Test
    void randomDelaysStayWithinBounds() {
        RetryBackoff backoff = RetryBackoff.random(200, 10_000);
        for (int attempt = 0; attempt < 30; attempt++) {
            long ceiling = backoff.ceilingMs(attempt);
            for (int i = 0; i < 200; i++) {
                assertThat(backoff.delayMs(attempt)).isBetween(ceiling / 2, ceiling);
            }
        }
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> new RetryBackoff(0, 10, b -> 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryBackoff(100, 10, b -> 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryBackoff(1, 10, b -> 0).delayMs(-1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
