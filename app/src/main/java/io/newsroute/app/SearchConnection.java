package io.newsroute.app;

import java.io.IOException;

import org.opensearch.client.opensearch.OpenSearchClient;

import io.newsroute.sink.OpenSearchClients;

/** An OpenSearch client whose transport (an HTTP connection pool) is released on close. */
public final class SearchConnection implements AutoCloseable {
    private final OpenSearchClient client;

    private SearchConnection(OpenSearchClient client) {
        this.client = client;
    }

    public static SearchConnection open(String url, String username, String password) {
        return new SearchConnection(OpenSearchClients.create(url, username, password));
    }

    public OpenSearchClient client() {
        return client;
    }

    @Override
    public void close() {
        try {
            client._transport().close();
        } catch (IOException e) {
            // nothing left to do with a connection pool that fails to close
        }
    }
}
