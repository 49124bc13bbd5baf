package io.newsroute.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;


/** `./newsroute search` talks to the search API: a local stub answers like the real one. */
class SearchCommandTest {
    private static final String OK = "{\"total\":1,\"page\":1,\"size\":10,\"pages\":1,\"sort\":\"relevance\",\"hits\":[{\"id\":\"a1\","
            + "\"title\":\"Ausfall bei AWS\",\"titleHtml\":\"<em>Ausfall</em> bei AWS\",\"url\":\"https://x/a1\",\"source\":\"wire\","
            + "\"date\":\"2024-05-01T10:00:00Z\",\"language\":\"de\",\"labels\":[{\"name\":\"cloud-outage\",\"score\":0.93}],"
            + "\"snippetHtml\":\"Ein <em>Ausfall</em> traf Kunden\",\"facts\":{},\"entities\":[]}],"
            + "\"facets\":{\"labels\":[{\"value\":\"cloud-outage\",\"count\":1}],\"languages\":[{\"value\":\"de\",\"count\":1}]}}";

    private HttpServer server;
    private final List<String> queries = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/search", exchange -> {
            String query = exchange.getRequestURI().getRawQuery();
            queries.add(query);
            boolean bad = query.contains("size=5000");
            byte[] body = (bad ? "{\"error\":\"size must be between 1 and 100, got 5000\",\"parameter\":\"size\"}" : OK)
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(bad ? 400 : 200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String[] run(String... args) {
        CliRun run = CliRun.of(args);
        return new String[] {Integer.toString(run.exit()), run.out(), run.err()};
    }

    private String api() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    @Test
    void sendsTheFiltersToTheApiAndPrintsTheHits() {
        String[] result = run("search", "Ausfälle", "AWS", "--label", "cloud-outage", "--language", "de", "--provider", "AWS",
                "--from", "2024-05-01", "--sort", "time", "--api-url", api());

        assertThat(result[0]).isEqualTo("0");
        assertThat(queries).hasSize(1);
        assertThat(queries.get(0)).contains("q=Ausf%C3%A4lle+AWS").contains("label=cloud-outage").contains("language=de")
                .contains("provider=AWS").contains("from=2024-05-01").contains("sort=time").contains("page=1").contains("size=10");
        assertThat(result[1]).contains("search \"Ausfälle AWS\": 1 hit").contains("Ausfall bei AWS")
                .contains("cloud-outage 0.93").contains("Ein *Ausfall* traf Kunden").contains("languages: de 1");
    }

    @Test
    void anApiErrorIsPrintedAsIs() {
        String[] result = run("search", "x", "--size", "5000", "--api-url", api());

        assertThat(result[0]).isEqualTo("1");
        assertThat(result[2]).contains("size must be between 1 and 100, got 5000");
    }
}
