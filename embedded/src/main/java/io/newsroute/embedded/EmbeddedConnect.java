package io.newsroute.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.connect.cli.ConnectStandalone;
import org.apache.kafka.connect.errors.NotFoundException;
import org.apache.kafka.connect.runtime.Connect;
import org.apache.kafka.connect.runtime.Herder;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorInfo;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.runtime.standalone.StandaloneHerder;
import org.apache.kafka.connect.util.FutureCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kafka Connect standalone worker in this JVM, started through
 * {@link ConnectStandalone#startConnect(Map)} exactly as {@code connect-standalone.sh} would.
 *
 * <p>Defaults, each overridable through {@code workerOverrides}: {@code plugin.discovery=service_load}
 * (plugins are found through their {@code META-INF/services} entries in ~1 s; the default classpath scan
 * takes ~16 s), {@code ByteArrayConverter} for keys and values (connectors that need a format set
 * their own converter), offsets flushed every 5 s, and a REST listener on {@code http://127.0.0.1:0}
 * (the port the server binds is read back, see {@link #restUrl()}).
 *
 * <p>Connectors are managed through the herder directly, so no HTTP round trip is needed; the REST API
 * is there for operators and tools.
 */
public final class EmbeddedConnect implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedConnect.class);
    private static final Duration HERDER_TIMEOUT = Duration.ofSeconds(60);
    private static final String BYTE_ARRAY_CONVERTER = "org.apache.kafka.connect.converters.ByteArrayConverter";

    private final Connect<StandaloneHerder> connect;
    private final String restUrl;
    private boolean closed;

    private EmbeddedConnect(Connect<StandaloneHerder> connect, String restUrl) {
        this.connect = connect;
        this.restUrl = restUrl;
    }

    /**
     * Starts a standalone worker against {@code bootstrapServers}.
     *
     * @param offsetsFile     source-connector offsets file (its directory is created if missing)
     * @param workerOverrides worker properties applied last, over every default
     * @throws IllegalStateException if the worker cannot start (for example, the broker is unreachable)
     */
    public static EmbeddedConnect start(String bootstrapServers, Path offsetsFile, Map<String, String> workerOverrides) {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(offsetsFile, "offsetsFile");
        Objects.requireNonNull(workerOverrides, "workerOverrides");
        long started = System.nanoTime();
        Path offsets = offsetsFile.toAbsolutePath();
        try {
            if (offsets.getParent() != null) {
                Files.createDirectories(offsets.getParent());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create directory for Connect offsets " + offsets, e);
        }
        Map<String, String> props = new HashMap<>();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("offset.storage.file.filename", offsets.toString());
        props.put("offset.flush.interval.ms", "5000");
        props.put("key.converter", BYTE_ARRAY_CONVERTER);
        props.put("value.converter", BYTE_ARRAY_CONVERTER);
        props.put("plugin.discovery", "service_load");
        props.put("listeners", "http://127.0.0.1:0");
        props.putAll(workerOverrides);

        Connect<StandaloneHerder> connect = startGuarded(props);
        String url = connect.rest().advertisedUrl().toString();
        if (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        LOG.info("Embedded Connect worker started against {} (REST {}) in {} ms", bootstrapServers, url,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        return new EmbeddedConnect(connect, url);
    }

    /** The worker's REST base URL, {@code http://127.0.0.1:PORT}, without a trailing slash. */
    public String restUrl() {
        return restUrl;
    }

    /**
     * Creates the connector, or replaces its configuration, and waits for the herder to accept it.
     * {@code name} is added to the config when missing.
     *
     * @throws IllegalArgumentException if {@code config} names another connector
     * @throws IllegalStateException    if the herder rejects the config (its message lists the invalid keys)
     */
    public void putConnector(String name, Map<String, String> config) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(config, "config");
        Map<String, String> full = new HashMap<>(config);
        String named = full.putIfAbsent("name", name);
        if (named != null && !named.equals(name)) {
            throw new IllegalArgumentException("connector config names '" + named + "' but was put as '" + name + "'");
        }
        FutureCallback<Herder.Created<ConnectorInfo>> callback = new FutureCallback<>();
        connect.herder().putConnectorConfig(name, full, true, callback);
        try {
            Herder.Created<ConnectorInfo> created = callback.get(HERDER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            LOG.info("Connector {} {}", name, created.created() ? "created" : "updated");
        } catch (ExecutionException e) {
            throw new IllegalStateException("connector " + name + " rejected: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("connector " + name + ": no answer from the herder within "
                    + HERDER_TIMEOUT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while putting connector " + name, e);
        }
    }

    /**
     * The connector's state as Connect reports it: {@code RUNNING}, {@code FAILED}, {@code PAUSED},
     * {@code STOPPED}, {@code RESTARTING}, or {@code UNASSIGNED} while it has been put but not started yet.
     *
     * @throws java.util.NoSuchElementException if no connector of that name was put
     */
    public String connectorState(String name) {
        return status(name).map(s -> s.connector().state()).orElse("UNASSIGNED");
    }

    /** The state of each task, ordered by task id; empty while the connector has not started its tasks. */
    public List<String> taskStates(String name) {
        return status(name).map(s -> s.tasks().stream().map(ConnectorStateInfo.TaskState::state).toList())
                .orElse(List.of());
    }

    /**
     * Waits until the connector and all of its tasks (at least one) are {@code RUNNING}.
     *
     * @throws IllegalStateException as soon as the connector or a task is {@code FAILED} (with its
     *                               stack trace in the message), or on timeout (with the last states)
     */
    public void awaitRunning(String name, Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        long deadline = System.nanoTime() + timeout.toNanos();
        String last;
        do {
            Optional<ConnectorStateInfo> status = status(name);
            if (status.isPresent()) {
                ConnectorStateInfo info = status.get();
                if ("FAILED".equals(info.connector().state())) {
                    throw new IllegalStateException("connector " + name + " FAILED:\n" + info.connector().trace());
                }
                for (ConnectorStateInfo.TaskState task : info.tasks()) {
                    if ("FAILED".equals(task.state())) {
                        throw new IllegalStateException("connector " + name + " task " + task.id() + " FAILED:\n" + task.trace());
                    }
                }
                if ("RUNNING".equals(info.connector().state()) && !info.tasks().isEmpty()
                        && info.tasks().stream().allMatch(t -> "RUNNING".equals(t.state()))) {
                    return;
                }
                last = describe(info);
            } else {
                last = "connector " + name + " has no status yet";
            }
            EmbeddedKafka.pause(100);
        } while (System.nanoTime() < deadline);
        throw new IllegalStateException("connector " + name + " not RUNNING within " + timeout.toMillis() + " ms: " + last);
    }

    /** Stops the REST server, the connectors and the worker, and waits for it. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        long started = System.nanoTime();
        connect.stop();
        connect.awaitStop();
        LOG.info("Embedded Connect worker {} stopped in {} ms", restUrl,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    @Override
    public String toString() {
        return "EmbeddedConnect[" + restUrl + "]";
    }

    private Optional<ConnectorStateInfo> status(String name) {
        Objects.requireNonNull(name, "name");
        StandaloneHerder herder = connect.herder();
        if (!herder.connectors().contains(name)) {
            throw new NoSuchElementException("no connector named " + name + " on " + restUrl);
        }
        try {
            return Optional.of(herder.connectorStatus(name));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    private static String describe(ConnectorStateInfo info) {
        return "connector " + info.connector().state() + ", tasks " + info.tasks().stream()
                .map(t -> t.id() + "=" + t.state()).collect(Collectors.joining(", ", "[", "]"));
    }

    /**
     * {@code startConnect} calls {@code Exit.exit(3)} when the herder fails to start, which would end
     * this JVM and everything else running in it. For the duration of the call an exit requested from
     * this thread becomes an exception; exits from other threads keep the default behaviour. The
     * context class loader, which Connect swaps for its plugin loader, is restored afterwards.
     */
    private static Connect<StandaloneHerder> startGuarded(Map<String, String> props) {
        Thread starter = Thread.currentThread();
        ClassLoader contextLoader = starter.getContextClassLoader();
        Exit.setExitProcedure((statusCode, message) -> {
            if (Thread.currentThread() == starter) {
                throw new WorkerExitRequested(statusCode, message);
            }
            System.exit(statusCode);
        });
        try {
            return new ConnectStandalone().startConnect(props);
        } catch (WorkerExitRequested e) {
            throw new IllegalStateException("embedded Connect worker failed to start (exit code " + e.statusCode
                    + "); see the Connect log for the cause", e);
        } catch (RuntimeException e) {
            throw new IllegalStateException("embedded Connect worker failed to start: " + e.getMessage(), e);
        } finally {
            Exit.resetExitProcedure();
            starter.setContextClassLoader(contextLoader);
        }
    }

    private static final class WorkerExitRequested extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int statusCode;

        WorkerExitRequested(int statusCode, String message) {
            super("Connect requested exit " + statusCode + (message == null ? "" : ": " + message));
            this.statusCode = statusCode;
        }
    }
}
