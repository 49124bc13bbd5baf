package io.newsroute.app.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The analysts' web page and its read-only JSON API on the JDK's {@link HttpServer}:
 * <ul>
 *   <li>{@code GET /} and {@code /static/*}: the page (plain HTML, CSS and JS from the classpath);</li>
 *   <li>{@code GET /api/search}: see {@link SearchParams} and {@link SearchApi#search};</li>
 *   <li>{@code GET /api/articles/{id}}: one article;</li>
 *   <li>{@code GET /api/updates?since=}: articles processed since a cursor (the page polls it);</li>
 *   <li>{@code GET /healthz}: {@code {"status":"ok"}} when the search index answers, else 503.</li>
 *   <li>{@code POST /api/articles}: articles from crawlers into the raw topic ({@link ArticleIntake}),
 *       when the server was started with an intake (the {@code run} and {@code demo} commands).</li>
 * </ul>
 * Otherwise only GET and HEAD are served. User mistakes are 400 with {@code {"error", "parameter"}};
 * an unreachable or failing OpenSearch is 502 with a generic message (details go to the log only).
 * Every response carries a strict Content-Security-Policy (scripts only from this origin, no inline
 * script), {@code nosniff} and {@code no-referrer}.
 */
public final class WebServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebServer.class);
    private static final String STATIC = "/io/newsroute/app/web/static/";
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png");
    private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpEndpoint endpoint;
    private final SearchApi api;
    private final Clock clock;
    private final ArticleIntake intake;

    private WebServer(HttpEndpoint endpoint, SearchApi api, Clock clock, ArticleIntake intake) {
        this.endpoint = endpoint;
        this.api = api;
        this.clock = clock;
        this.intake = intake;
    }

    /**
     * Binds {@code host:port} (port 0: any free port) and starts serving.
     *
     * @throws UncheckedIOException if the address cannot be bound (e.g. the port is in use)
     */
    public static WebServer start(String host, int port, SearchApi api) {
        return start(host, port, api, null);
    }

    /**
     * Like {@link #start(String, int, SearchApi)}, also accepting {@code POST /api/articles} into
     * {@code intake} when it is not {@code null}.
     */
    public static WebServer start(String host, int port, SearchApi api, ArticleIntake intake) {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(api, "api");
        HttpEndpoint endpoint = HttpEndpoint.bind(host, port, 64, "the web page", "--web-port");
        WebServer web = new WebServer(endpoint, api, Clock.systemUTC(), intake);
        endpoint.serve(web::handle, 4, "newsroute-web");
        LOG.info("Web page and search API at {}", web.url());
        return web;
    }

    /** The base URL, e.g. {@code http://127.0.0.1:8080/}. */
    public String url() {
        return endpoint.url();
    }

    public int port() {
        return endpoint.port();
    }

    @Override
    public void close() {
        endpoint.close();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getRawPath();
            exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
            exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
            exchange.getResponseHeaders().set("Content-Security-Policy", CSP);
            if (path.equals("/api/articles") && intake != null) {
                if (method.equals("POST")) {
                    post(exchange);
                    return;
                }
                exchange.getResponseHeaders().set("Allow", "POST");
                sendJson(exchange, 405, error("method " + method + " not allowed on /api/articles; POST articles here", ""));
                return;
            }
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                sendJson(exchange, 405, error("method " + method + " not allowed; the API is read-only (GET)", ""));
                return;
            }
            try {
                route(exchange, path, exchange.getRequestURI().getRawQuery());
            } catch (BadRequestException e) {
                sendJson(exchange, 400, error(e.getMessage(), e.parameter()));
            } catch (SearchApi.NotFoundException e) {
                sendJson(exchange, 404, error(e.getMessage(), ""));
            } catch (OpenSearchException e) {
                LOG.warn("OpenSearch refused {} {}: {}", method, exchange.getRequestURI(), e.getMessage());
                sendJson(exchange, 502, error("the search index could not answer this request", ""));
            } catch (UncheckedIOException e) {
                LOG.warn("OpenSearch unreachable for {} {}: {}", method, exchange.getRequestURI(), e.getMessage());
                sendJson(exchange, 502, error("the search index is not reachable", ""));
            } catch (RuntimeException e) {
                LOG.error("Failed to answer {} {}", method, exchange.getRequestURI(), e);
                sendJson(exchange, 500, error("internal error", ""));
            }
        }
    }

    private void post(HttpExchange exchange) throws IOException {
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        long contentLength = -1;
        if (length != null) {
            try {
                contentLength = Long.parseLong(length.strip());
            } catch (NumberFormatException e) {
                sendJson(exchange, 400, error("bad Content-Length '" + length + "'", ""));
                return;
            }
        }
        ArticleIntake.Response response;
        try (InputStream body = exchange.getRequestBody()) {
            response = intake.handle(exchange.getRequestHeaders().getFirst("Content-Type"), contentLength, body);
        } catch (RuntimeException e) {
            LOG.error("Failed to accept POST /api/articles", e);
            sendJson(exchange, 500, error("internal error", ""));
            return;
        }
        if (response.status() == 413) {
            // the rest of the body is not read: ask the client not to reuse the connection
            exchange.getResponseHeaders().set("Connection", "close");
        }
        sendJson(exchange, response.status(), response.body());
    }

    private void route(HttpExchange exchange, String path, String query) throws IOException {
        if (path.equals("/api/search")) {
            sendJson(exchange, 200, api.search(query));
        } else if (path.startsWith("/api/articles/")) {
            String id = URLDecoder.decode(path.substring("/api/articles/".length()).replace("+", "%2B"), StandardCharsets.UTF_8);
            sendJson(exchange, 200, api.article(id));
        } else if (path.equals("/api/updates")) {
            sendJson(exchange, 200, api.updates(query, clock.instant()));
        } else if (path.equals("/healthz")) {
            try {
                api.search("size=1");
                sendJson(exchange, 200, Map.of("status", "ok"));
            } catch (RuntimeException e) {
                LOG.warn("Health check failed: {}", e.toString());
                sendJson(exchange, 503, Map.of("status", "unavailable", "error", "the search index is not reachable"));
            }
        } else if (path.equals("/") || path.equals("/index.html")) {
            sendResource(exchange, "index.html");
        } else if (path.startsWith("/static/") && path.matches("/static/[a-z0-9-]+\\.[a-z]+")) {
            sendResource(exchange, path.substring("/static/".length()));
        } else if (path.startsWith("/api/")) {
            sendJson(exchange, 404, error("no API endpoint " + path + "; see /api/search, /api/articles/{id}, /api/updates", ""));
        } else {
            sendJson(exchange, 404, error("not found: " + path, ""));
        }
    }

    private static Map<String, Object> error(String message, String parameter) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        if (!parameter.isEmpty()) {
            body.put("parameter", parameter);
        }
        return body;
    }

    private static void sendJson(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        HttpEndpoint.send(exchange, status, bytes);
    }

    private static void sendResource(HttpExchange exchange, String name) throws IOException {
        String extension = name.substring(name.lastIndexOf('.') + 1);
        String type = TYPES.get(extension);
        try (InputStream in = WebServer.class.getResourceAsStream(STATIC + name)) {
            if (in == null || type == null) {
                sendJson(exchange, 404, error("not found: /static/" + name, ""));
                return;
            }
            byte[] bytes = in.readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", type);
            exchange.getResponseHeaders().set("Cache-Control", "no-cache");
            HttpEndpoint.send(exchange, 200, bytes);
        }
    }
}
