package io.newsroute.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class OpenSearchExtensionIT {

    @RegisterExtension
    static final OpenSearchExtension SEARCH = new OpenSearchExtension();

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void nodeAnswersOnItsUrlWithThePinnedVersion() throws Exception {
        HttpResponse<String> root = get(SEARCH.httpUrl() + "/");
        assertThat(root.statusCode()).isEqualTo(200);
        assertThat(root.body()).contains("\"cluster_name\"").contains(org.opensearch.Version.CURRENT.toString());
    }

    @Test
    void stopAndStartKeepTheDataAndTheUrl() throws Exception {
        SEARCH.assumeSupported(Capability.STOP_AND_START);
        String url = SEARCH.httpUrl();
        HttpResponse<String> put = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/kept/_doc/1?refresh=true"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"title\":\"Ausfall\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).isEqualTo(201);

        SEARCH.stop();
        assertThatThrownBy(() -> get(url + "/")).isInstanceOf(IOException.class);
        assertThatThrownBy(SEARCH::httpUrl).hasMessageContaining("stopped by the test");
        SEARCH.start();

        assertThat(SEARCH.httpUrl()).isEqualTo(url);
        HttpResponse<String> doc = Wait.waitFor(() -> getUnchecked(url + "/kept/_doc/1"), r -> r.statusCode() == 200,
                Duration.ofSeconds(60), "the document after the restart");
        assertThat(doc.body()).contains("Ausfall");
    }

    private static HttpResponse<String> getUnchecked(String url) {
        try {
            return get(url);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
