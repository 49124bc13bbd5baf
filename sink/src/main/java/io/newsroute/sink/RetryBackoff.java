package io.newsroute.sink;

import java.util.function.LongUnaryOperator;

/**
 * Exponential backoff with "equal jitter": attempt {@code n} (0-based) waits a random time in
 * {@code [d/2, d]} where {@code d = min(max, base * 2^n)}. Half of the wait is guaranteed (the
 * cluster gets its pause), the other half is spread so that several tasks retrying the same
 * overloaded cluster do not hit it in lock step.
 */
final class RetryBackoff {
    private final long baseMs;
    private final long maxMs;
    /** Returns a uniformly random value in {@code [0, bound]} for the given {@code bound}. */
    private final LongUnaryOperator jitter;

    RetryBackoff(long baseMs, long maxMs, LongUnaryOperator jitter) {
        if (baseMs < 1 || maxMs < baseMs) {
            throw new IllegalArgumentException("need 1 <= base <= max, got base=" + baseMs + " max=" + maxMs);
        }
        this.baseMs = baseMs;
        this.maxMs = maxMs;
        this.jitter = jitter;
    }

    static RetryBackoff random(long baseMs, long maxMs) {
        return new RetryBackoff(baseMs, maxMs,
                bound -> java.util.concurrent.ThreadLocalRandom.current().nextLong(bound + 1));
    }

    /** The capped exponential delay for {@code attempt} before jitter. */
    long ceilingMs(int attempt) {
        if (attempt < 0) {
            throw new IllegalArgumentException("attempt must be >= 0, got " + attempt);
        }
        if (attempt >= 62 || baseMs > (maxMs >> attempt)) {
            return maxMs;
        }
        return Math.min(maxMs, baseMs << attempt);
    }

    /** How long to wait before retry number {@code attempt + 1}. */
    long delayMs(int attempt) {
        long ceiling = ceilingMs(attempt);
        long half = ceiling / 2;
        long spread = ceiling - half;
        long extra = Math.max(0, Math.min(spread, jitter.applyAsLong(spread)));
        return half + extra;
    }
}
