package io.newsroute.testsupport;

/**
 * A service running behind an extension, embedded or in a container. Only the embedded services
 * implement the fault operations; the extension checks {@link Capability} before it calls them.
 */
interface FixtureService extends AutoCloseable {

    /** Stops the service and releases it for good. */
    @Override
    void close();

    /** {@link Capability#RESTART}. */
    default void restart() {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot restart");
    }

    /** First half of {@link Capability#STOP_AND_START}: stops the service, keeping its data and address. */
    default void stop() {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot stop and start again");
    }

    /** Second half of {@link Capability#STOP_AND_START}: starts it again on the same data and address. */
    default void startAgain() {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot stop and start again");
    }
}
