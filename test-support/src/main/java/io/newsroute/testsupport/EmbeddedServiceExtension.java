package io.newsroute.testsupport;

import java.nio.file.Path;
import java.util.Set;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The lifecycle shared by the extensions around a service: registered as a {@code static} field the
 * service lives for the whole test class (a {@code @Nested} class calls {@code beforeAll} again on the
 * same instance, so class registrations are counted); as an instance field it is started and stopped
 * around each test.
 *
 * <p>The {@link ServiceMode} decides what runs: the embedded service in a fresh temporary directory
 * (deleted after the stop), or a container through Testcontainers. Container mode first checks that
 * a Docker engine answers ({@link DockerProbe}) and fails at once with a clear message when none does.
 * Fault operations ({@link Capability}) exist only where the service can honour them at the same
 * address; tests ask with {@link #assumeSupported(Capability)} and are skipped, with the reason, elsewhere.
 *
 * @param <S> the service
 */
abstract class EmbeddedServiceExtension<S extends FixtureService>
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
    private static final String CONTAINER_FAULTS = "a restarted container is published on a new host port "
            + "(and a Kafka container keeps advertising the old one), so running clients could not reconnect at the same "
            + "address; this test runs in the default embedded mode (without -D" + ServiceMode.PROPERTY + ")";

    private final String name;
    private final String directoryPrefix;
    private final ServiceMode mode;
    private final DockerProbe docker;
    private Path directory;
    private S service;
    private boolean active;
    private boolean stoppedByTest;
    private boolean perTest;
    private int classDepth;

    EmbeddedServiceExtension(String name, String directoryPrefix, ServiceMode mode, DockerProbe docker) {
        this.name = name;
        this.directoryPrefix = directoryPrefix;
        this.mode = mode;
        this.docker = docker;
    }

    /** Starts the embedded service in {@code directory}. */
    abstract S startEmbedded(Path directory);

    /** Starts the service in a container; only called once a Docker engine answered. */
    abstract S startContainer();

    /** The fault operations the embedded service supports (containers support none). */
    abstract Set<Capability> embeddedCapabilities();

    /** Releases what the extension built on top of the service (clients), before it stops. */
    void beforeStop() {
    }

    /** Where this fixture runs its service. */
    public final ServiceMode mode() {
        return mode;
    }

    /** Whether this fixture, in its mode, can perform {@code capability}. */
    public final boolean supports(Capability capability) {
        return mode == ServiceMode.EMBEDDED && embeddedCapabilities().contains(capability);
    }

    /** Skips the calling test, with the reason, when this fixture cannot perform {@code capability}. */
    public final void assumeSupported(Capability capability) {
        Assumptions.assumeTrue(supports(capability), () -> unsupported(capability));
    }

    private String unsupported(Capability capability) {
        String reason = mode == ServiceMode.CONTAINERS ? CONTAINER_FAULTS : "not implemented for the embedded service";
        return name + " cannot " + capability.description() + " in " + mode.name().toLowerCase(java.util.Locale.ROOT)
                + " mode: " + reason;
    }

    private void requireSupported(Capability capability) {
        if (!supports(capability)) {
            throw new UnsupportedOperationException(unsupported(capability)
                    + "; call assumeSupported(Capability." + capability.name() + ") at the start of the test to skip it");
        }
    }

    @Override
    public final synchronized void beforeAll(ExtensionContext context) {
        if (classDepth++ == 0) {
            startService();
        }
    }

    @Override
    public final synchronized void afterAll(ExtensionContext context) {
        if (--classDepth == 0) {
            shutDown();
        }
    }

    @Override
    public final synchronized void beforeEach(ExtensionContext context) {
        if (!active) {
            perTest = true;
            startService();
        }
    }

    @Override
    public final synchronized void afterEach(ExtensionContext context) {
        if (perTest) {
            shutDown();
        }
    }

    /** The running service; a clear error when it is used before it started, after it stopped, or during a test's stop. */
    final synchronized S running() {
        if (stoppedByTest) {
            throw new IllegalStateException(name + " was stopped by the test; start it again first");
        }
        if (service == null) {
            throw new IllegalStateException(name + " is not running: register it with @RegisterExtension "
                    + "and use it from a test, @BeforeAll/@BeforeEach or later");
        }
        return service;
    }

    /** {@link Capability#RESTART}: stops the service and starts it again on the same data and address. */
    final synchronized void restartService() {
        requireSupported(Capability.RESTART);
        S current = running();
        beforeStop();
        current.restart();
    }

    /** First half of {@link Capability#STOP_AND_START}. */
    final synchronized void stopForTest() {
        requireSupported(Capability.STOP_AND_START);
        S current = running();
        beforeStop();
        current.stop();
        stoppedByTest = true;
    }

    /** Second half of {@link Capability#STOP_AND_START}. */
    final synchronized void startAfterTestStop() {
        requireSupported(Capability.STOP_AND_START);
        if (!stoppedByTest) {
            throw new IllegalStateException(name + " is not stopped");
        }
        service.startAgain();
        stoppedByTest = false;
    }

    private void startService() {
        active = true;
        if (mode == ServiceMode.CONTAINERS) {
            docker.requireDocker(name);
            service = startContainer();
        } else {
            directory = TempDirs.create(directoryPrefix);
            service = startEmbedded(directory);
        }
    }

    private void shutDown() {
        try {
            beforeStop();
            if (service != null) {
                service.close();
            }
        } catch (RuntimeException e) {
            throw new IllegalStateException("could not stop " + name + ": " + e.getMessage(), e);
        } finally {
            service = null;
            active = false;
            stoppedByTest = false;
            perTest = false;
            TempDirs.deleteRecursively(directory);
            directory = null;
        }
    }
}
