package io.newsroute.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * GET over {@link HttpClient} with a bounded body and a timeout, for feeds and pages. Only http and
 * https URLs; redirects are followed except from https to http.
 */
final class HttpFetcher {
    /** Largest feed or page read; the rest of a longer body is not read. */
    static final int MAX_BODY_BYTES = 16 * 1024 * 1024;
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final String USER_AGENT = "Newsroute/0.1 (+feed reader; polite: conditional GET)";

    private final HttpClient http;

    HttpFetcher(HttpClient http) {
        this.http = Objects.requireNonNull(http, "http");
    }

    /** A client with a 10 s connect timeout that follows redirects (not https to http). */
    static HttpClient defaultClient() {
        return HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /**
     * @param status the HTTP status
     * @param body the body (empty for 304 and HEAD)
     * @param contentType the Content-Type header, or {@code null}
     */
    record Response(int status, byte[] body, String contentType, Optional<String> etag, Optional<String> lastModified) {
    }

    /**
     * @throws IllegalArgumentException for a URL that is not absolute http(s), a body over the
     *     limit, or a transport failure (message names the URL and the cause)
     */
    Response get(String url, String accept, Map<String, String> headers) {
        URI uri = uri(url);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET().timeout(TIMEOUT)
                .header("User-Agent", USER_AGENT).header("Accept", accept);
        headers.forEach(request::header);
        try {
            HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            byte[] body;
            try (InputStream in = response.body()) {
                body = readBounded(in, url);
            }
            return new Response(response.statusCode(), body, response.headers().firstValue("Content-Type").orElse(null),
                    response.headers().firstValue("ETag"), response.headers().firstValue("Last-Modified"));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot fetch " + url + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while fetching " + url, e);
        }
    }

    static boolean isUrl(String s) {
        String lower = s.strip().toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://");
    }

    /** The charset parameter of a Content-Type, or {@code null}. */
    static String charset(String contentType) {
        if (contentType == null) {
            return null;
        }
        for (String part : contentType.split(";")) {
            String p = part.strip();
            if (p.toLowerCase(Locale.ROOT).startsWith("charset=")) {
                return p.substring("charset=".length()).replace("\"", "").strip();
            }
        }
        return null;
    }

    private static URI uri(String url) {
        try {
            URI uri = URI.create(url.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw new IllegalArgumentException("not an absolute http(s) URL: '" + url + "'");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not an absolute http(s) URL: '" + url + "'", e);
        }
    }

    private static byte[] readBounded(InputStream in, String url) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        int n;
        while ((n = in.read(buffer)) != -1) {
            if (out.size() + n > MAX_BODY_BYTES) {
                throw new IllegalArgumentException(url + ": body larger than " + MAX_BODY_BYTES + " bytes, not read");
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }
}
