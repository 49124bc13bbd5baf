package io.newsroute.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.sink.SinkRecord;

import io.newsroute.embedded.EmbeddedOpenSearch;
import io.newsroute.schema.EnrichedArticle;
import io.newsroute.schema.Facts;
import io.newsroute.schema.Label;
import io.newsroute.schema.LanguageInfo;
import io.newsroute.schema.OutageFacts;
import io.newsroute.schema.StockFacts;
import io.newsroute.schema.serde.AvroTrust;
import io.newsroute.schema.serde.NewsSerdes;
import io.newsroute.sink.NewsIndex;
import io.newsroute.sink.OpenSearchClients;
import io.newsroute.sink.OpenSearchSinkConfig;
import io.newsroute.sink.OpenSearchSinkTask;
import io.newsroute.sink.search.NewsSearch;
import io.newsroute.sink.search.SearchQuery;
import io.newsroute.sink.search.SearchResult;

/**
 * Indexing throughput and query latency of the search sink on an embedded OpenSearch node
 * (the default run's setup): N synthetic enriched articles (~1.5 KB bodies, de/en/nl/fr, labels,
 * facts) go through {@link OpenSearchSinkTask#put} in Connect-sized batches of 500 plus a final
 * flush, as a Connect worker would call it; then M searches (text with stemming, filters, facets,
 * highlighting, as the web page sends them) are timed one after the other after a warm-up.
 *
 * <pre>
 * mvn -B -q -pl bench -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Xmx3g -cp "bench/target/classes:$(cat bench/target/cp.txt)" io.newsroute.bench.SearchBench 20000 1000
 * </pre>
 * Arguments: number of documents (default 20000), number of timed queries (default 1000). The
 * report goes to standard output (this is a command-line tool).
 */
public final class SearchBench {
    private static final String[] LANGUAGES = {"de", "en", "nl", "fr"};
    private static final Map<String, String[]> WORDS = Map.of(
            "de", "Ausfall Ausfälle Störung Rechenzentrum Kunden Dienste Cloud Anbieter Region Stunden Aktie Kurs Anleger Hacker Datenleck Angriff Daten Unternehmen Bericht Woche".split(" "),
            "en", "outage outages disruption datacenter customers services cloud provider region hours shares price investors hackers breach attack data company report week".split(" "),
            "nl", "storing storingen uitval datacenter klanten diensten cloud aanbieder regio uren aandeel koers beleggers hackers datalek aanval gegevens bedrijf verslag week".split(" "),
            "fr", "panne pannes perturbation centre clients services nuage fournisseur région heures action cours investisseurs pirates fuite attaque données entreprise rapport semaine".split(" "));
    private static final String[] PROVIDERS = {"AWS", "Microsoft Azure", "Google Cloud", "OVHcloud", "IBM Cloud"};
    private static final String[] COMPANIES = {"Apple:AAPL", "SAP:SAP", "Siemens:SIE", "ASML:ASML", "Adyen:ADYEN"};
    private static final String[] LABELS = {"cloud-outage", "security-breach", "stock-commentary"};

    private SearchBench() {
    }

    public static void main(String[] args) throws IOException {
        int documents = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int queries = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        AvroTrust.install();
        Path home = Files.createTempDirectory("newsroute-searchbench-");
        try (EmbeddedOpenSearch node = EmbeddedOpenSearch.start(home)) {
            run(node.httpUrl(), documents, queries);
        } finally {
            delete(home);
        }
    }

    private static void run(String url, int documents, int queries) {
        Random random = new Random(42);
        List<SinkRecord> records = new ArrayList<>(documents);
        long bytes = 0;
        for (int i = 0; i < documents; i++) {
            byte[] value = NewsSerdes.enrichedCodec().encode(article(i, random));
            bytes += value.length;
            records.add(new SinkRecord("news.enriched", i % 6, Schema.STRING_SCHEMA, "bench-" + i, Schema.BYTES_SCHEMA, value, i));
        }
        OpenSearchSinkTask task = new OpenSearchSinkTask();
        task.start(Map.of(OpenSearchSinkConfig.URL, url, OpenSearchSinkConfig.INDEX_ALIAS, "news",
                OpenSearchSinkConfig.BATCH_SIZE, "500", OpenSearchSinkConfig.LINGER_MS, "1000"));
        long start = System.nanoTime();
        for (int from = 0; from < documents; from += 500) {
            task.put(records.subList(from, Math.min(documents, from + 500)));
        }
        task.flush(Map.of());
        double seconds = (System.nanoTime() - start) / 1e9;
        task.stop();

        var client = OpenSearchClients.create(url, "", "");
        try {
            NewsIndex index = new NewsIndex(client, "news", 1, 0);
            index.refresh();
            long count = index.count();
            System.out.printf(Locale.ROOT, "indexing: %d docs (%.1f MB Avro) in %.1f s = %.0f docs/s (%d visible)%n",
                    documents, bytes / 1e6, seconds, documents / seconds, count);

            NewsSearch search = new NewsSearch(client, "news");
            List<SearchQuery> mix = queryMix();
            for (int i = 0; i < 100; i++) {
                search.search(mix.get(i % mix.size()));
            }
            long[] nanos = new long[queries];
            long hits = 0;
            for (int i = 0; i < queries; i++) {
                long t0 = System.nanoTime();
                SearchResult result = search.search(mix.get(i % mix.size()));
                nanos[i] = System.nanoTime() - t0;
                hits += result.total();
            }
            Arrays.sort(nanos);
            System.out.printf(Locale.ROOT, "queries: %d (%d-query mix: text+stemming+highlight, filters, 6 facets, 20 hits) "
                            + "p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms, mean hits %.0f%n",
                    queries, mix.size(), pct(nanos, 50), pct(nanos, 95), pct(nanos, 99), nanos[nanos.length - 1] / 1e6,
                    (double) hits / queries);
        } finally {
            try {
                client._transport().close();
            } catch (IOException e) {
                // exiting anyway
            }
        }
    }

    private static double pct(long[] sorted, int percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    private static List<SearchQuery> queryMix() {
        return List.of(
                SearchQuery.builder().text("Ausfall").size(20).build(),
                SearchQuery.builder().text("outage AWS").size(20).build(),
                SearchQuery.builder().text("storingen").labels(List.of("cloud-outage")).size(20).build(),
                SearchQuery.builder().text("pannes").languages(List.of("fr")).size(20).build(),
                SearchQuery.builder().providers(List.of("AWS")).sort(SearchQuery.Sort.TIME).size(20).build(),
                SearchQuery.builder().text("Aktie Kurs").tickers(List.of("SAP")).size(20).build(),
                SearchQuery.builder().text("\"data breach\" | Datenleck").from(Instant.parse("2024-03-01T00:00:00Z")).size(20).build(),
                SearchQuery.builder().size(20).offset(100).build());
    }

    private static EnrichedArticle article(int i, Random random) {
        String language = LANGUAGES[i % LANGUAGES.length];
        String[] words = WORDS.get(language);
        StringBuilder body = new StringBuilder();
        while (body.length() < 1500) {
            body.append(words[random.nextInt(words.length)]).append(random.nextInt(8) == 0 ? ". " : " ");
        }
        String label = LABELS[i % LABELS.length];
        Facts.Builder facts = Facts.newBuilder();
        if (label.equals("cloud-outage")) {
            facts.setOutage(OutageFacts.newBuilder().setProvider(PROVIDERS[random.nextInt(PROVIDERS.length)]).build());
        } else if (label.equals("stock-commentary")) {
            String[] company = COMPANIES[random.nextInt(COMPANIES.length)].split(":");
            facts.setStock(StockFacts.newBuilder().setCompany(company[0]).setTicker(company[1])
                    .setChangePercent(random.nextGaussian() * 3).build());
        }
        Instant published = Instant.parse("2024-01-01T00:00:00Z").plusSeconds(600L * i);
        return EnrichedArticle.newBuilder()
                .setId("bench-" + i).setUrl("https://news.example/bench/" + i).setSource("bench-" + (i % 40))
                .setTitle(words[random.nextInt(words.length)] + " " + words[random.nextInt(words.length)] + " " + i)
                .setBody(body.toString()).setPublishedAt(published).setFetchedAt(published)
                .setLanguage(LanguageInfo.newBuilder().setCode(language).setConfidence(0.95).build())
                .setLabels(List.of(Label.newBuilder().setName(label).setScore(0.9).setEvidence(List.of()).build()))
                .setScores(Map.of(label, 0.9)).setFacts(facts.build())
                .setModelVersion("bench").setPipelineVersion("bench").setProcessedAt(published).setVersion(1)
                .build();
    }

    private static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
