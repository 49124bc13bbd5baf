package io.newsroute.ingest;

import java.net.http.HttpClient;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import io.newsroute.schema.RawArticle;

/**
 * Fetches a web page and turns it into an article ({@link ArticleReader#fromHtml}): headline, main
 * text without page furniture, publication time from the meta tags. The article's URL is the
 * page's canonical URL, else the URL fetched (after redirects are followed by the client).
 */
public final class PageFetcher {
    private final HttpFetcher http;
    private final ArticleReader reader;

    public PageFetcher(HttpClient http, ArticleReader reader) {
        this.http = new HttpFetcher(http);
        this.reader = Objects.requireNonNull(reader, "reader");
    }

    /**
     * @throws IllegalArgumentException naming the URL when the page cannot be fetched (transport
     *     error, status other than 200, not HTML) or has no text
     */
    public RawArticle fetch(String url) {
        HttpFetcher.Response response = http.get(url, "text/html, application/xhtml+xml;q=0.9, */*;q=0.1", Map.of());
        if (response.status() != 200) {
            throw new IllegalArgumentException("HTTP " + response.status() + " from " + url);
        }
        String type = response.contentType() == null ? "" : response.contentType().toLowerCase(Locale.ROOT);
        if (!type.isEmpty() && !type.contains("html")) {
            throw new IllegalArgumentException(url + " is not an HTML page (Content-Type " + response.contentType() + ")");
        }
        return reader.fromHtml(response.body(), HttpFetcher.charset(response.contentType()), url, url);
    }
}
