package io.newsroute.sink;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import javax.net.ssl.SSLContext;

import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.ssl.SSLContextBuilder;
import org.apache.hc.core5.util.Timeout;
import org.apache.kafka.common.config.ConfigException;
import org.opensearch.client.json.jackson.JacksonJsonpMapper;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;

/**
 * Builds {@link OpenSearchClient}s over the Apache httpclient5 transport: one or more node URLs,
 * optional basic authentication, optional trust store for HTTPS. The caller owns the client and
 * closes it with {@code client._transport().close()}.
 */
public final class OpenSearchClients {
    private static final int CONNECT_TIMEOUT_MS = 5_000;
    private static final int SOCKET_TIMEOUT_MS = 60_000;

    private OpenSearchClients() {
    }

    /** A client for the cluster described by the sink configuration. */
    public static OpenSearchClient create(OpenSearchSinkConfig config) {
        Objects.requireNonNull(config, "config");
        SSLContext tls = config.truststorePath()
                .map(path -> trustStoreContext(path, config.truststorePassword()))
                .orElse(null);
        return create(config.urls(), config.username(), config.password(), tls);
    }

    /**
     * A client for one node (or a comma-separated list of nodes), with basic authentication when
     * {@code username} is not empty. HTTPS uses the JVM's default trust store.
     *
     * @throws ConfigException if a URL is not a valid http(s) URL
     */
    public static OpenSearchClient create(String url, String username, String password) {
        OpenSearchSinkConfig config = new OpenSearchSinkConfig(Map.of(
                OpenSearchSinkConfig.URL, Objects.requireNonNull(url, "url"),
                OpenSearchSinkConfig.USERNAME, username == null ? "" : username,
                OpenSearchSinkConfig.PASSWORD, password == null ? "" : password));
        return create(config);
    }

    private static OpenSearchClient create(List<URI> urls, String username, String password, SSLContext tls) {
        HttpHost[] hosts = urls.stream().map(OpenSearchClients::host).toArray(HttpHost[]::new);
        ApacheHttpClient5TransportBuilder builder = ApacheHttpClient5TransportBuilder.builder(hosts)
                .setMapper(new JacksonJsonpMapper());
        String pathPrefix = urls.get(0).getPath();
        if (pathPrefix != null && !pathPrefix.isEmpty() && !pathPrefix.equals("/")) {
            builder.setPathPrefix(pathPrefix);
        }
        ConnectionConfig connectionConfig = ConnectionConfig.custom()
                .setConnectTimeout(Timeout.ofMilliseconds(CONNECT_TIMEOUT_MS))
                .setSocketTimeout(Timeout.ofMilliseconds(SOCKET_TIMEOUT_MS))
                .build();
        builder.setConnectionConfigCallback(b -> b
                .setConnectTimeout(Timeout.ofMilliseconds(CONNECT_TIMEOUT_MS))
                .setSocketTimeout(Timeout.ofMilliseconds(SOCKET_TIMEOUT_MS)));
        builder.setHttpClientConfigCallback(http -> {
            if (username != null && !username.isEmpty()) {
                BasicCredentialsProvider credentials = new BasicCredentialsProvider();
                for (HttpHost host : hosts) {
                    credentials.setCredentials(new AuthScope(host),
                            new UsernamePasswordCredentials(username, password == null ? new char[0]
                                    : password.toCharArray()));
                }
                http.setDefaultCredentialsProvider(credentials);
            }
            if (tls != null) {
                // replaces the builder's connection manager: keep its limits and timeouts
                http.setConnectionManager(PoolingAsyncClientConnectionManagerBuilder.create()
                        .setTlsStrategy(ClientTlsStrategyBuilder.create().setSslContext(tls).buildAsync())
                        .setMaxConnPerRoute(ApacheHttpClient5TransportBuilder.DEFAULT_MAX_CONN_PER_ROUTE)
                        .setMaxConnTotal(ApacheHttpClient5TransportBuilder.DEFAULT_MAX_CONN_TOTAL)
                        .setDefaultConnectionConfig(connectionConfig)
                        .build());
            }
            return http;
        });
        return new OpenSearchClient(builder.build());
    }

    private static HttpHost host(URI uri) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        return new HttpHost(scheme, uri.getHost(), port);
    }

    private static SSLContext trustStoreContext(String path, String password) {
        try {
            char[] secret = password == null || password.isEmpty() ? null : password.toCharArray();
            KeyStore trustStore = KeyStore.getInstance(new File(path), secret);
            return SSLContextBuilder.create().loadTrustMaterial(trustStore, null).build();
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new ConfigException(OpenSearchSinkConfig.TRUSTSTORE_PATH, path,
                    "cannot load the trust store: " + e.getMessage());
        }
    }
}
