package io.newsroute.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opensearch.client.opensearch.OpenSearchClient;

/** Authentication and TLS of the client, against a loopback HTTP(S) server that answers index-exists requests. */
class OpenSearchClientsTest {
    private static final String PASSWORD = "changeit";

    private HttpServer server;
    private final List<String> authorizations = new CopyOnWriteArrayList<>();

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** Challenges requests without credentials (httpclient5 authenticates after a 401), accepts admin:secret. */
    private void handle(HttpExchange exchange) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        authorizations.add(authorization == null ? "" : authorization);
        String expected = "Basic " + Base64.getEncoder().encodeToString("admin:secret".getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(authorization)) {
            exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"opensearch\"");
            exchange.sendResponseHeaders(401, -1);
        } else {
            exchange.sendResponseHeaders(200, -1);
        }
        exchange.close();
    }

    private static boolean indexExists(OpenSearchClient client) throws IOException {
        try {
            return client.indices().exists(e -> e.index("news")).value();
        } finally {
            client._transport().close();
        }
    }

    @Test
    void sendsBasicCredentials() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort();

        assertThat(indexExists(OpenSearchClients.create(url, "admin", "secret"))).isTrue();
        assertThat(authorizations).last().asString().startsWith("Basic ");
        assertThatThrownBy(() -> indexExists(OpenSearchClients.create(url, "admin", "wrong")))
                .isInstanceOf(IOException.class).hasMessageContaining("Unauthorized");
    }

    @Test
    void trustsTheConfiguredTrustStoreOverHttps() throws Exception {
        Path serverStore = dir.resolve("server.p12");
        Path certificate = dir.resolve("server.crt");
        Path trustStore = dir.resolve("trust.p12");
        keytool("-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", serverStore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD);
        keytool("-exportcert", "-alias", "server", "-keystore", serverStore.toString(), "-storepass", PASSWORD,
                "-file", certificate.toString());
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", certificate.toString(), "-storetype", "PKCS12",
                "-keystore", trustStore.toString(), "-storepass", PASSWORD);

        KeyStore keys = KeyStore.getInstance(serverStore.toFile(), PASSWORD.toCharArray());
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, PASSWORD.toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keyManagers.getKeyManagers(), null, null);
        HttpsServer https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(tls));
        https.createContext("/", this::handle);
        https.start();
        server = https;
        String url = "https://127.0.0.1:" + https.getAddress().getPort();

        OpenSearchClient trusting = OpenSearchClients.create(new OpenSearchSinkConfig(Map.of(
                OpenSearchSinkConfig.URL, url,
                OpenSearchSinkConfig.USERNAME, "admin", OpenSearchSinkConfig.PASSWORD, "secret",
                OpenSearchSinkConfig.TRUSTSTORE_PATH, trustStore.toString(),
                OpenSearchSinkConfig.TRUSTSTORE_PASSWORD, PASSWORD)));
        assertThat(indexExists(trusting)).isTrue();

        // the JVM's default trust store does not know the self-signed certificate
        assertThatThrownBy(() -> indexExists(OpenSearchClients.create(url, "admin", "secret")))
                .isInstanceOf(IOException.class);
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("keytool finished").isTrue();
        assertThat(process.exitValue()).as("keytool " + args[0] + ": " + output).isZero();
    }
}
