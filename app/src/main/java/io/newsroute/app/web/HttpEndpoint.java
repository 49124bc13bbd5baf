package io.newsroute.app.web;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

/**
 * One JDK {@link HttpServer} on its own small pool of daemon threads: the part the search page
 * ({@link WebServer}) and the operations endpoints ({@code MonitoringServer}) share. {@link #bind}
 * takes the address (so a busy port fails before anything else is built), {@link #serve} starts
 * handling requests.
 */
public final class HttpEndpoint implements AutoCloseable {
    private final HttpServer server;
    private ExecutorService executor;

    private HttpEndpoint(HttpServer server) {
        this.server = server;
    }

    /**
     * Binds {@code host:port} (port 0: any free port).
     *
     * @param what     what is served, for the error message ("the web page")
     * @param portFlag the flag that chooses the port, for the error message ("--web-port")
     * @throws IllegalArgumentException for a port outside 0..65535
     * @throws UncheckedIOException     if the address cannot be bound (e.g. the port is in use)
     */
    public static HttpEndpoint bind(String host, int port, int backlog, String what, String portFlag) {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException(portFlag.replace("--", "").replace('-', ' ') + " must be 0..65535, got " + port);
        }
        try {
            return new HttpEndpoint(HttpServer.create(new InetSocketAddress(host, port), backlog));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve " + what + " on " + host + ":" + port + " (" + e.getMessage()
                    + "); choose another " + portFlag + ", or 0 for any free port", e);
        }
    }

    /** Starts handling every path with {@code handler} on {@code threads} daemon threads named {@code threadPrefix-N}. */
    public void serve(HttpHandler handler, int threads, String threadPrefix) {
        AtomicInteger count = new AtomicInteger();
        executor = Executors.newFixedThreadPool(threads, r -> {
            Thread thread = new Thread(r, threadPrefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.createContext("/", handler);
        server.setExecutor(executor);
        server.start();
    }

    /** The base URL, e.g. {@code http://127.0.0.1:8080/}. */
    public String url() {
        InetSocketAddress address = server.getAddress();
        String host = address.getAddress().getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return "http://" + host + ":" + address.getPort() + "/";
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    /** Sends the status and, unless the request is a HEAD or the body is empty, {@code bytes}; headers are the caller's. */
    public static void send(HttpExchange exchange, int status, byte[] bytes) throws IOException {
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head || bytes.length == 0 ? -1 : bytes.length);
        if (!head && bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
