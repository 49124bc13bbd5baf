package io.newsroute.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class OpenSearchExtensionIT {

    @RegisterExtension
    static final OpenSearchExtension SEARCH = new OpenSearchExtension();

    @Test
    void nodeAnswersOnItsUrl() throws Exception {
        HttpResponse<String> root = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(SEARCH.httpUrl() + "/")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(root.statusCode()).isEqualTo(200);
        assertThat(root.body()).contains("newsroute-embedded");
    }
}
