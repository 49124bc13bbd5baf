package io.newsroute.testsupport;

import java.time.Duration;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Bounded polling for tests: check a condition every {@value #STEP_MILLIS} ms until it holds or the
 * timeout passes, then fail with the caller's message. The replacement for {@code Thread.sleep} in tests.
 */
public final class Wait {

    static final long STEP_MILLIS = 50;

    private Wait() {
    }

    /**
     * Returns as soon as {@code condition} is true.
     *
     * @throws AssertionError with {@code message} if it is still false after {@code timeout}
     */
    public static void waitForCondition(BooleanSupplier condition, Duration timeout, String message) {
        Objects.requireNonNull(condition, "condition");
        waitFor(condition::getAsBoolean, Boolean.TRUE::equals, timeout, message);
    }

    /**
     * Calls {@code supplier} until its value satisfies {@code until}, and returns that value.
     * Exceptions thrown by the supplier count as "not yet" (a service that is still starting); the
     * last one is attached to the {@link AssertionError} on timeout, and the last value is in its message.
     *
     * @throws AssertionError with {@code message} on timeout
     */
    public static <T> T waitFor(Supplier<T> supplier, Predicate<? super T> until, Duration timeout, String message) {
        Objects.requireNonNull(supplier, "supplier");
        Objects.requireNonNull(until, "until");
        Objects.requireNonNull(timeout, "timeout");
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = null;
        RuntimeException lastError = null;
        while (true) {
            try {
                last = supplier.get();
                lastError = null;
                if (until.test(last)) {
                    return last;
                }
            } catch (RuntimeException e) {
                lastError = e;
            }
            if (System.nanoTime() - deadline >= 0) {
                AssertionError error = new AssertionError("Timed out after " + timeout.toMillis() + " ms: " + message
                        + (lastError == null ? " (last value: " + last + ")" : " (last error: " + lastError + ")"));
                if (lastError != null) {
                    error.initCause(lastError);
                }
                throw error;
            }
            try {
                Thread.sleep(STEP_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting: " + message, e);
            }
        }
    }
}
