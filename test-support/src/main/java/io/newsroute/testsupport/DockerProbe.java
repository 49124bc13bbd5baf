package io.newsroute.testsupport;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

import org.testcontainers.DockerClientFactory;

/**
 * The check that a Docker engine answers, run before any container is created, with a bound: without
 * an engine the fixture fails at once with {@link #NO_DOCKER} instead of waiting inside Testcontainers.
 */
final class DockerProbe {

    /** The message of every fixture failure caused by a missing engine. */
    static final String NO_DOCKER = "no Docker engine found; run without -D" + ServiceMode.PROPERTY + " or start Docker";
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private final BooleanSupplier check;
    private final Duration timeout;

    DockerProbe(BooleanSupplier check, Duration timeout) {
        this.check = check;
        this.timeout = timeout;
    }

    /** Testcontainers' own discovery (environment, {@code DOCKER_HOST}, sockets), bounded by 60 s. */
    static DockerProbe testcontainers() {
        return new DockerProbe(() -> DockerClientFactory.instance().isDockerAvailable(), DEFAULT_TIMEOUT);
    }

    /**
     * Returns when an engine answers.
     *
     * @throws IllegalStateException with {@link #NO_DOCKER} when none does, or when the check has not
     *                               answered within the timeout (the check's thread is left to finish)
     */
    void requireDocker(String fixture) {
        FutureTask<Boolean> task = new FutureTask<>(check::getAsBoolean);
        Thread thread = new Thread(task, "docker-probe");
        thread.setDaemon(true);
        thread.start();
        try {
            if (!task.get(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(NO_DOCKER + " (" + fixture + " with " + ServiceMode.PROPERTY + "=true)");
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException(NO_DOCKER + " (" + fixture + ": no answer from Docker within "
                    + timeout.toMillis() + " ms)", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(NO_DOCKER + " (" + fixture + ": " + e.getCause() + ")", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(NO_DOCKER + " (" + fixture + ": interrupted)", e);
        }
    }
}
