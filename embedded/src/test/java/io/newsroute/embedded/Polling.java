package io.newsroute.embedded;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Bounded polling for this module's tests (test-support depends on this module, so it cannot be used here). */
final class Polling {

    private Polling() {
    }

    static void await(BooleanSupplier condition, Duration timeout, String message) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toMillis() + " ms: " + message);
            }
            EmbeddedKafka.pause(50);
        }
    }
}
