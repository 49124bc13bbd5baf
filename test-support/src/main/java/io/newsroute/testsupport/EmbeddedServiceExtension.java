package io.newsroute.testsupport;

import java.nio.file.Path;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The lifecycle shared by the extensions around an embedded service: registered as a
 * {@code static} field the service lives for the whole test class (a {@code @Nested} class
 * calls {@code beforeAll} again on the same instance, so class registrations are counted); as
 * an instance field it is started and stopped around each test. Each start gets a fresh
 * temporary directory, deleted after the stop.
 *
 * @param <S> the service
 */
abstract class EmbeddedServiceExtension<S extends AutoCloseable>
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
    private final String name;
    private final String directoryPrefix;
    private Path directory;
    private S service;
    private boolean perTest;
    private int classDepth;

    EmbeddedServiceExtension(String name, String directoryPrefix) {
        this.name = name;
        this.directoryPrefix = directoryPrefix;
    }

    /** Starts the service in {@code directory}. */
    abstract S start(Path directory);

    /** Releases what the extension built on top of the service (clients), before it stops. */
    void beforeStop() {
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
            stopService();
        }
    }

    @Override
    public final synchronized void beforeEach(ExtensionContext context) {
        if (service == null) {
            perTest = true;
            startService();
        }
    }

    @Override
    public final synchronized void afterEach(ExtensionContext context) {
        if (perTest) {
            stopService();
        }
    }

    /** The running service; a clear error when it is used before it started or after it stopped. */
    final synchronized S running() {
        if (service == null) {
            throw new IllegalStateException(name + " is not running: register it with @RegisterExtension "
                    + "and use it from a test, @BeforeAll/@BeforeEach or later");
        }
        return service;
    }

    /** Stops the running service and starts it again on the same directory. */
    final synchronized void restartService() throws Exception {
        running();
        beforeStop();
        service.close();
        service = start(directory);
    }

    private void startService() {
        directory = TempDirs.create(directoryPrefix);
        service = start(directory);
    }

    private void stopService() {
        try {
            beforeStop();
            if (service != null) {
                service.close();
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not stop " + name + ": " + e.getMessage(), e);
        } finally {
            service = null;
            perTest = false;
            TempDirs.deleteRecursively(directory);
            directory = null;
        }
    }
}
