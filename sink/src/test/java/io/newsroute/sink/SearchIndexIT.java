package io.newsroute.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.newsroute.schema.BreachFacts;
import io.newsroute.schema.EnrichedArticle;
import io.newsroute.schema.Facts;
import io.newsroute.schema.Labels;
import io.newsroute.schema.OutageFacts;
import io.newsroute.schema.StockFacts;
import io.newsroute.sink.search.NewsSearch;
import io.newsroute.sink.search.SearchHit;
import io.newsroute.sink.search.SearchQuery;
import io.newsroute.sink.search.SearchResult;
import io.newsroute.testsupport.OpenSearchExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.opensearch.client.json.JsonpMapper;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.mapping.TypeMapping;

/**
 * The index mapping and {@link NewsSearch} against a real embedded OpenSearch node: language
 * analyzers, the catch-all field, facets, date filters, sorting and paging, HTML-safe highlights,
 * and the versioned-index migration with its atomic alias switch.
 */
class SearchIndexIT {
    @RegisterExtension
    static final OpenSearchExtension OPENSEARCH = new OpenSearchExtension();

    private static final AtomicInteger ALIASES = new AtomicInteger();
    private static final Instant DAY = Instant.parse("2024-05-01T00:00:00Z");

    private OpenSearchClient client;
    private String alias;
    private NewsSearch search;

    @BeforeEach
    void setUp() {
        alias = "search-it-" + ALIASES.incrementAndGet();
        client = OpenSearchClients.create(OPENSEARCH.httpUrl(), "", "");
        search = new NewsSearch(client, alias);
    }

    @AfterEach
    void tearDown() throws IOException {
        client._transport().close();
    }

    private void index(List<EnrichedArticle> articles) {
        new NewsIndex(client, alias, 1, 0).ensure();
        bulk(articles);
    }

    private void bulk(List<EnrichedArticle> articles) {
        List<BulkIndexer.Item> items = new ArrayList<>();
        for (EnrichedArticle article : articles) {
            items.add(BulkIndexer.Item.index(null, article.getId(), article.getVersion(), ArticleDocument.of(article)));
        }
        List<BulkIndexer.Rejection> rejections = new BulkIndexer(client, alias, 0, RetryBackoff.random(1, 1), ms -> { })
                .index(items);
        assertThat(rejections).isEmpty();
        new NewsIndex(client, alias, 1, 0).refresh();
    }

    private static EnrichedArticle article(String id, String language, String title, String body, String... labels) {
        return TestArticles.article(id, language, title, body, 1, labels);
    }

    private List<String> ids(String text) {
        return search.search(SearchQuery.text(text, 50)).hits().stream().map(SearchHit::id).toList();
    }

    @Test
    void germanStemmingFindsInflectedFormsBothWays() {
        index(List.of(
                article("de-1", "de", "Ausfall bei AWS", "Ein Ausfall legte viele Dienste lahm."),
                article("de-2", "de", "Ausfälle im Rechenzentrum", "Mehrere Ausfälle trafen Kunden in Frankfurt."),
                article("de-3", "de", "Quartalszahlen", "Der Umsatz stieg deutlich.")));

        assertThat(ids("Ausfälle")).containsExactlyInAnyOrder("de-1", "de-2");
        assertThat(ids("Ausfall")).containsExactlyInAnyOrder("de-1", "de-2");
        // the catch-all field folds accents: a query typed without umlauts still finds the article
        assertThat(ids("Ausfalle")).contains("de-2");
    }

    @ParameterizedTest(name = "{0}: {1} finds {2}")
    @CsvSource({
        "nl, storingen, De storing bij de cloudprovider duurde uren.",
        "nl, storing, Meerdere storingen troffen klanten in Amsterdam.",
        "fr, pannes, Une panne géante a touché le fournisseur.",
        "fr, hébergeur, La panne de l'hébergeur a duré trois heures.",
        "en, outages, The outage hit shops across Europe.",
        "es, caídas, La caída del servicio afectó a miles de clientes.",
        "it, interruzioni, Una interruzione del servizio ha colpito i clienti."
    })
    void languageAnalyzersStem(String language, String query, String body) {
        index(List.of(article(language + "-1", language, "Nachricht", body),
                article("other", "de", "Quartalszahlen", "Der Umsatz stieg deutlich.")));

        assertThat(ids(query)).containsExactly(language + "-1");
    }

    @Test
    void everyLanguageAnalyzerOfTheMappingExistsInOpenSearch() throws IOException {
        new NewsIndex(client, alias, 1, 0).ensure(); // creation fails on an unknown analyzer
        var mapping = client.indices().getMapping(m -> m.index(alias)).result().values().iterator().next().mappings();
        for (Map.Entry<String, String> language : LanguageFields.ANALYZERS.entrySet()) {
            assertThat(mapping.properties()).containsKey("body_" + language.getKey()).containsKey("title_" + language.getKey());
        }
        assertThat(mapping.properties()).containsKeys("all_text", "labels", "language", "entities", "facts", "publishedAt");
        assertThat(mapping.meta()).containsKey("mapping_version");
        assertThat(mapping.meta().get("mapping_version").to(Integer.class)).isEqualTo(NewsIndex.MAPPING_VERSION);
    }

    @Test
    void factFacetsCountAndFilter() {
        EnrichedArticle aws1 = article("o-1", "en", "AWS outage", "An outage at AWS in us-east-1.", Labels.CLOUD_OUTAGE);
        aws1.setFacts(Facts.newBuilder().setOutage(OutageFacts.newBuilder().setProvider("AWS").build()).build());
        EnrichedArticle aws2 = article("o-2", "de", "AWS Ausfall", "Ein Ausfall bei AWS.", Labels.CLOUD_OUTAGE);
        aws2.setFacts(Facts.newBuilder().setOutage(OutageFacts.newBuilder().setProvider("AWS").build()).build());
        EnrichedArticle azure = article("o-3", "en", "Azure outage", "Azure went down.", Labels.CLOUD_OUTAGE);
        azure.setFacts(Facts.newBuilder().setOutage(OutageFacts.newBuilder().setProvider("Microsoft Azure").build()).build());
        EnrichedArticle sony = article("b-1", "en", "Sony breach", "Hackers breached Sony.", Labels.SECURITY_BREACH);
        sony.setFacts(Facts.newBuilder().setBreach(BreachFacts.newBuilder().setVictim("Sony").setRecordsAffected(77_000_000L)
                .build()).build());
        EnrichedArticle apple = article("s-1", "en", "Apple shares fall", "AAPL fell 3%.", Labels.STOCK_COMMENTARY);
        apple.setFacts(Facts.newBuilder().setStock(StockFacts.newBuilder().setCompany("Apple").setTicker("AAPL")
                .setChangePercent(-3.0).build()).build());
        index(List.of(aws1, aws2, azure, sony, apple));

        SearchResult all = search.search(SearchQuery.text("", 10));
        assertThat(all.total()).isEqualTo(5);
        assertThat(all.facets().get("provider")).containsExactly(Map.entry("AWS", 2L), Map.entry("Microsoft Azure", 1L));
        assertThat(all.facets().get("victim")).containsExactly(Map.entry("Sony", 1L));
        assertThat(all.facets().get("company")).containsExactly(Map.entry("Apple", 1L));
        assertThat(all.facets().get("ticker")).containsExactly(Map.entry("AAPL", 1L));
        assertThat(all.labelCounts()).containsEntry(Labels.CLOUD_OUTAGE, 3L).containsEntry(Labels.SECURITY_BREACH, 1L);
        assertThat(all.languageCounts()).containsEntry("en", 4L).containsEntry("de", 1L);

        SearchResult aws = search.search(SearchQuery.builder().providers(List.of("AWS")).size(10).build());
        assertThat(aws.hits()).extracting(SearchHit::id).containsExactlyInAnyOrder("o-1", "o-2");
        assertThat(aws.languageCounts()).containsEntry("en", 1L).containsEntry("de", 1L);
        assertThat(search.search(SearchQuery.builder().tickers(List.of("AAPL")).build()).hits())
                .extracting(SearchHit::id).containsExactly("s-1");
        SearchHit breach = search.search(SearchQuery.builder().victims(List.of("Sony")).build()).hits().get(0);
        assertThat(breach.facts()).containsKey("breach");
        @SuppressWarnings("unchecked")
        Map<String, Object> breachFacts = (Map<String, Object>) breach.facts().get("breach");
        assertThat(breachFacts).containsEntry("victim", "Sony").containsEntry("recordsAffected", 77_000_000);
    }

    @Test
    void dateFiltersSortingAndPaging() {
        List<EnrichedArticle> articles = new ArrayList<>();
        for (int day = 0; day < 6; day++) {
            EnrichedArticle a = article("d-" + day, "en", "Outage report day " + day,
                    day == 2 ? "outage outage outage outage" : "an outage");
            a.setPublishedAt(DAY.plusSeconds(86_400L * day));
            articles.add(a);
        }
        index(articles);

        SearchResult range = search.search(SearchQuery.builder().from(DAY.plusSeconds(86_400L))
                .to(DAY.plusSeconds(86_400L * 3)).size(10).build());
        assertThat(range.hits()).extracting(SearchHit::id).containsExactly("d-2", "d-1");
        assertThat(search.search(SearchQuery.builder().from(DAY.plusSeconds(86_400L * 4)).build()).total()).isEqualTo(2);
        assertThat(search.search(SearchQuery.builder().to(DAY.plusSeconds(1)).build()).hits())
                .extracting(SearchHit::id).containsExactly("d-0");

        SearchResult byTime = search.search(SearchQuery.builder().text("outage").sort(SearchQuery.Sort.TIME).size(2).build());
        assertThat(byTime.hits()).extracting(SearchHit::id).containsExactly("d-5", "d-4");
        SearchResult byRelevance = search.search(SearchQuery.builder().text("outage").sort(SearchQuery.Sort.RELEVANCE)
                .size(1).build());
        assertThat(byRelevance.hits()).extracting(SearchHit::id).containsExactly("d-2");
        SearchResult page2 = search.search(SearchQuery.builder().sort(SearchQuery.Sort.TIME).offset(2).size(2).build());
        assertThat(page2.total()).isEqualTo(6);
        assertThat(page2.hits()).extracting(SearchHit::id).containsExactly("d-3", "d-2");
    }

    @Test
    void markupInArticlesComesBackAsTextAndHighlightsAreEscaped() {
        index(List.of(article("xss", "en", "<script>alert(1)</script> outage", "<img src=x onerror=alert(2)> outage today")));

        SearchHit hit = search.search(SearchQuery.text("outage", 5)).hits().get(0);
        assertThat(hit.title()).isEqualTo("<script>alert(1)</script> outage");
        assertThat(hit.titleHighlight()).doesNotContain("<script").contains("&lt;script&gt;").contains("<em>outage</em>");
        assertThat(hit.snippet()).doesNotContain("<img").contains("&lt;img").contains("<em>outage</em>");
        assertThat(search.get("xss")).get().extracting(SearchHit::title).isEqualTo("<script>alert(1)</script> outage");
        assertThat(search.get("missing")).isEmpty();
    }

    @Test
    void processedSinceReturnsNewArticlesOldestFirst() {
        EnrichedArticle old = article("old", "en", "Old", "old news");
        old.setProcessedAt(DAY);
        EnrichedArticle fresh = article("fresh", "en", "Fresh", "fresh news");
        fresh.setProcessedAt(DAY.plusSeconds(3600));
        index(List.of(old, fresh));

        assertThat(search.processedSince(DAY.plusSeconds(1), 10)).extracting(SearchHit::id).containsExactly("fresh");
        assertThat(search.processedSince(DAY, 10)).extracting(SearchHit::id).containsExactly("old", "fresh");
        assertThat(new NewsSearch(client, "no-such-alias").processedSince(DAY, 10)).isEmpty();
    }

    /** A previous index version: v1 had no catch-all field and no language analyzers at all. */
    private void createVersion1() throws IOException {
        JsonpMapper mapper = client._transport().jsonpMapper();
        String json = "{\"dynamic\":\"true\",\"properties\":{\"id\":{\"type\":\"keyword\"},\"title\":{\"type\":\"text\"},"
                + "\"body\":{\"type\":\"text\"},\"publishedAt\":{\"type\":\"date\"},"
                + "\"labels\":{\"type\":\"keyword\"},\"language\":{\"type\":\"keyword\"}}}";
        TypeMapping mapping = TypeMapping._DESERIALIZER.deserialize(mapper.jsonProvider().createParser(new StringReader(json)), mapper);
        client.indices().create(c -> c.index(NewsIndex.indexName(alias, 1))
                .settings(s -> s.numberOfShards(1).numberOfReplicas(0))
                .mappings(mapping)
                .aliases(alias, a -> a));
    }

    @Test
    void migrateReindexesIntoTheNextVersionAndSwitchesTheAliasAtomically() throws IOException {
        createVersion1();
        EnrichedArticle de = TestArticles.article("m-de", "de", "Ausfälle bei AWS", "Mehrere Ausfälle.", 7, Labels.CLOUD_OUTAGE);
        EnrichedArticle en = TestArticles.article("m-en", "en", "Outage", "An outage.", 9, Labels.CLOUD_OUTAGE);
        bulk(List.of(de, en));
        NewsIndex index = new NewsIndex(client, alias, 1, 0);
        assertThat(index.aliasTargets()).containsExactly(NewsIndex.indexName(alias, 1));
        assertThat(ids("Ausfall")).as("v1 has no German analyzer").isEmpty();

        List<String> progress = new java.util.ArrayList<>();
        NewsIndex.Migration migration = index.migrate((handled, total) -> progress.add(handled + "/" + total));

        assertThat(progress).as("progress of the first copy").last().isEqualTo("2/2");
        assertThat(migration.switched()).isTrue();
        assertThat(migration.from()).isEqualTo(alias + "-v1");
        assertThat(migration.to()).isEqualTo(alias + "-v" + NewsIndex.MAPPING_VERSION);
        assertThat(migration.documentsCopied()).isEqualTo(2);
        assertThat(index.aliasTargets()).containsExactly(index.indexName());
        assertThat(index.count()).isEqualTo(2);
        assertThat(ids("Ausfall")).as("search through the alias uses the new mapping").containsExactly("m-de");
        assertThat(client.indices().exists(e -> e.index(alias + "-v1")).value()).as("old index kept for rollback").isTrue();

        // external versions survived the reindex: a stale write is still a conflict, a newer one wins
        bulk(List.of(TestArticles.article("m-en", "en", "Stale title", "stale", 8)));
        assertThat(search.get("m-en")).get().extracting(SearchHit::title).isEqualTo("Outage");
        bulk(List.of(TestArticles.article("m-en", "en", "Newer title", "newer", 10)));
        assertThat(search.get("m-en")).get().extracting(SearchHit::title).isEqualTo("Newer title");

        NewsIndex.Migration again = index.migrate();
        assertThat(again.switched()).isFalse();
        assertThat(index.count()).isEqualTo(2);
    }
}
