package io.newsroute.testsupport;

/**
 * Fault-injection operations that some fixtures offer beyond handing out an address. A test that needs
 * one calls {@code assumeSupported(capability)} first, so it is skipped, with the reason, where the
 * fixture cannot do it (see {@link KafkaExtension#supports} and {@link OpenSearchExtension#supports}).
 */
public enum Capability {
    /** Stop the service and start it again on the same data, reachable at the same address. */
    RESTART("restart on the same data and address"),
    /** Stop the service, let the test run while it is down, and start it again on the same data and address. */
    STOP_AND_START("stop and later start again on the same data and address");

    private final String description;

    Capability(String description) {
        this.description = description;
    }

    /** What the operation does, for skip and error messages. */
    public String description() {
        return description;
    }
}
