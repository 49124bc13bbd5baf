package io.newsroute.sink;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.opensearch.client.json.JsonpMapper;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.Conflicts;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.opensearch.client.opensearch._types.Refresh;
import org.opensearch.client.opensearch._types.SortOrder;
import org.opensearch.client.opensearch._types.Time;
import org.opensearch.client.opensearch._types.VersionType;
import org.opensearch.client.opensearch._types.mapping.TypeMapping;
import org.opensearch.client.opensearch.core.BulkResponse;
import org.opensearch.client.opensearch.core.ReindexResponse;
import org.opensearch.client.opensearch.core.ScrollResponse;
import org.opensearch.client.opensearch.core.SearchResponse;
import org.opensearch.client.opensearch.core.bulk.BulkOperation;
import org.opensearch.client.opensearch.core.bulk.BulkResponseItem;
import org.opensearch.client.opensearch.core.search.Hit;
import org.opensearch.client.opensearch.indices.GetAliasResponse;
import org.opensearch.client.opensearch.indices.IndexSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The search index: a concrete index {@code <alias>-v<MAPPING_VERSION>} (default {@code news-v2})
 * behind an alias (default {@code news}). Writers and readers use the alias only.
 *
 * <p><b>Mapping changes.</b> Every change to the mapping or analysis settings bumps
 * {@link #MAPPING_VERSION} (also recorded in the mapping's {@code _meta.mapping_version}).
 * {@link #migrate()} then creates {@code <alias>-v<N>}, copies the documents over with the
 * {@code _reindex} API (keeping their external versions), switches the alias in one atomic
 * {@code _aliases} request (remove from the old index + add to the new one) and finally re-runs the
 * reindex to pick up documents the connector wrote to the old index during the copy (stale copies
 * are version conflicts and skipped). The old index is kept for a rollback; delete it by hand.
 * Replaying {@code news.enriched} from the beginning is the other path and gives the same result.
 *
 * <p>Text fields: {@code title}/{@code body} ({@code standard}), {@code title_<lang>}/
 * {@code body_<lang>} with the language's built-in analyzer ({@link LanguageFields}), and the
 * catch-all {@code all_text} ({@code standard} + lower case + ASCII folding) that receives title,
 * body, source, entities and the fact keywords through {@code copy_to}.
 *
 * <p>The mapping ({@code news-mapping.json} plus one {@code title_<lang>}/{@code body_<lang>} pair
 * per language analyzer) is {@code dynamic: strict}: a field {@link ArticleDocument} writes but the
 * mapping lacks is a rejected document, not a silently guessed type.
 */
public final class NewsIndex {
    private static final Logger LOG = LoggerFactory.getLogger(NewsIndex.class);

    /** Bump on every mapping or analysis change; the index name and {@code _meta.mapping_version} carry it. */
    public static final int MAPPING_VERSION = 2;

    private static final String MAPPING_RESOURCE = "news-mapping.json";
    private static final String SETTINGS_RESOURCE = "news-settings.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final OpenSearchClient client;
    private final String alias;
    private final int shards;
    private final int replicas;

    public NewsIndex(OpenSearchClient client, String alias, int shards, int replicas) {
        this.client = Objects.requireNonNull(client, "client");
        this.alias = Objects.requireNonNull(alias, "alias");
        if (shards < 1 || replicas < 0) {
            throw new IllegalArgumentException("shards must be >= 1 and replicas >= 0, got " + shards + "/" + replicas);
        }
        this.shards = shards;
        this.replicas = replicas;
    }

    /** The concrete index of the current mapping version, e.g. {@code news-v2}. */
    public String indexName() {
        return indexName(alias, MAPPING_VERSION);
    }

    static String indexName(String alias, int version) {
        return alias + "-v" + version;
    }

    public String alias() {
        return alias;
    }

    /**
     * Makes sure the alias exists: creates {@link #indexName()} with the current mapping and the
     * alias when neither exists, adds the alias when only the index exists, and leaves an existing
     * alias alone (it may point at an older version: see {@link #migrate()}). Safe to call
     * concurrently from several tasks.
     *
     * @throws UncheckedIOException if OpenSearch cannot be reached
     * @throws OpenSearchException if OpenSearch refuses (e.g. a concrete index is named like the alias)
     */
    public void ensure() {
        try {
            if (client.indices().existsAlias(a -> a.name(alias)).value()) {
                Set<String> targets = aliasTargets();
                if (!targets.contains(indexName())) {
                    LOG.warn("Alias {} points at {}, not {} (mapping v{}); run a migration (NewsIndex.migrate) to move it",
                            alias, targets, indexName(), MAPPING_VERSION);
                }
                return;
            }
            if (!createIndex(true)) {
                client.indices().putAlias(a -> a.index(indexName()).name(alias));
                LOG.info("Added alias {} to existing index {}", alias, indexName());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach OpenSearch to set up index " + indexName(), e);
        }
    }

    /**
     * Brings the alias to the current mapping version. Without an alias this is {@link #ensure()};
     * when the alias already points at {@link #indexName()} nothing happens. Otherwise (the alias
     * points at one older {@code <alias>-v<M>} index): create {@link #indexName()}, reindex from
     * the old index keeping external versions, switch the alias atomically in one {@code _aliases}
     * request, then reindex once more to catch documents written to the old index meanwhile.
     *
     * @return what was done; never null
     * @throws IllegalStateException if the alias points at several indices or at a newer version
     * @throws UncheckedIOException if OpenSearch cannot be reached
     */
    public Migration migrate() {
        return migrate((copied, total) -> { });
    }

    /** How far the copy of a migration is: documents handled so far (copied or skipped as stale) of those in the source. */
    @FunctionalInterface
    public interface CopyListener {
        void copied(long handled, long total);
    }

    /** Like {@link #migrate()}, telling {@code listener} how far the first copy is (per batch, or once when the cluster copies). */
    public Migration migrate(CopyListener listener) {
        try {
            if (!client.indices().existsAlias(a -> a.name(alias)).value()) {
                ensure();
                return new Migration("", indexName(), 0, false);
            }
            Set<String> targets = aliasTargets();
            if (targets.equals(Set.of(indexName()))) {
                return new Migration(indexName(), indexName(), 0, false);
            }
            if (targets.size() != 1) {
                throw new IllegalStateException("alias " + alias + " points at " + targets + "; expected exactly one index");
            }
            String source = targets.iterator().next();
            int sourceVersion = versionOf(source);
            if (sourceVersion > MAPPING_VERSION) {
                throw new IllegalStateException("alias " + alias + " points at " + source + ", newer than this code's mapping v"
                        + MAPPING_VERSION + "; refusing to migrate backwards");
            }
            createIndex(false);
            long copied = reindex(source, listener);
            client.indices().updateAliases(u -> u
                    .actions(a -> a.remove(r -> r.index(source).alias(alias)))
                    .actions(a -> a.add(ad -> ad.index(indexName()).alias(alias))));
            long caughtUp = reindex(source, (handled, total) -> { });
            client.indices().refresh(r -> r.index(indexName()));
            LOG.info("Migrated alias {} from {} to {}: {} document(s) copied, {} more after the alias switch; {} kept for rollback",
                    alias, source, indexName(), copied, caughtUp, source);
            return new Migration(source, indexName(), copied + caughtUp, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach OpenSearch to migrate " + alias, e);
        }
    }

    /**
     * The outcome of {@link #migrate()}.
     *
     * @param from the index the alias pointed at before (empty when there was no alias)
     * @param to the index the alias points at now
     * @param documentsCopied documents created or updated in {@code to} by the reindex
     * @param switched whether the alias was moved
     */
    public record Migration(String from, String to, long documentsCopied, boolean switched) {
    }

    /**
     * Copies every document of {@code source} into {@link #indexName()} keeping its external
     * version, with the {@code _reindex} API; a node without the reindex module (the embedded one)
     * gets the same copy through scroll + bulk.
     */
    private long reindex(String source, CopyListener listener) throws IOException {
        try {
            long copied = serverReindex(source);
            listener.copied(copied, copied);
            return copied;
        } catch (OpenSearchException e) {
            if (e.status() != 400 && e.status() != 404 && e.status() != 405) {
                throw e;
            }
            LOG.info("No _reindex API on this cluster ({}); copying {} -> {} by scroll and bulk", e.getMessage(), source,
                    indexName());
            return clientReindex(source, listener);
        }
    }

    private long clientReindex(String source, CopyListener listener) throws IOException {
        long copied = 0;
        long handled = 0;
        Time keepAlive = Time.of(t -> t.time("2m"));
        SearchResponse<JsonNode> page = client.search(s -> s.index(source).size(500).version(true).scroll(keepAlive)
                .sort(o -> o.doc(d -> d.order(SortOrder.Asc))), JsonNode.class);
        String scrollId = page.scrollId();
        long total = page.hits().total() == null ? 0 : page.hits().total().value();
        try {
            List<Hit<JsonNode>> hits = page.hits().hits();
            while (!hits.isEmpty()) {
                List<BulkOperation> operations = new ArrayList<>();
                for (Hit<JsonNode> hit : hits) {
                    long version = hit.version() == null ? 1 : hit.version();
                    operations.add(BulkOperation.of(b -> b.index(i -> i.id(hit.id()).document(hit.source())
                            .version(version).versionType(VersionType.External))));
                }
                BulkResponse response = client.bulk(b -> b.index(indexName()).operations(operations));
                for (BulkResponseItem item : response.items()) {
                    if (item.status() >= 200 && item.status() < 300) {
                        copied++;
                    } else if (item.status() != 409) {
                        throw new IllegalStateException("copying " + item.id() + " from " + source + " to " + indexName()
                                + " failed: " + item.status() + " " + BulkIndexer.describe(item.error()));
                    }
                }
                handled += hits.size();
                listener.copied(handled, Math.max(total, handled));
                String id = scrollId;
                ScrollResponse<JsonNode> next = client.scroll(r -> r.scrollId(id).scroll(keepAlive), JsonNode.class);
                scrollId = next.scrollId();
                hits = next.hits().hits();
            }
        } finally {
            if (scrollId != null) {
                String id = scrollId;
                client.clearScroll(c -> c.scrollId(id));
            }
        }
        client.indices().refresh(r -> r.index(indexName()));
        return copied;
    }

    private long serverReindex(String source) throws IOException {
        ReindexResponse response = client.reindex(r -> r
                .source(s -> s.index(source))
                .dest(d -> d.index(indexName()).versionType(VersionType.External))
                .conflicts(Conflicts.Proceed)
                .waitForCompletion(true)
                .refresh(Refresh.True));
        if (response.failures() != null && !response.failures().isEmpty()) {
            throw new IllegalStateException("reindex " + source + " -> " + indexName() + " failed for "
                    + response.failures().size() + " document(s), first: " + response.failures().get(0).cause().reason());
        }
        long created = response.created() == null ? 0 : response.created();
        long updated = response.updated() == null ? 0 : response.updated();
        return created + updated;
    }

    /** Creates {@link #indexName()} (with the alias when asked); false when it already existed. */
    private boolean createIndex(boolean withAlias) throws IOException {
        if (client.indices().exists(e -> e.index(indexName())).value()) {
            return false;
        }
        JsonpMapper mapper = client._transport().jsonpMapper();
        try {
            client.indices().create(c -> {
                c.index(indexName()).settings(settings(mapper, shards, replicas)).mappings(mapping(mapper));
                if (withAlias) {
                    c.aliases(alias, a -> a);
                }
                return c;
            });
            LOG.info("Created index {} (mapping v{}, {} shard(s), {} replica(s)){}", indexName(), MAPPING_VERSION, shards,
                    replicas, withAlias ? " with alias " + alias : "");
            return true;
        } catch (OpenSearchException e) {
            if (!"resource_already_exists_exception".equals(e.error().type())) {
                throw e;
            }
            LOG.debug("Index {} was created concurrently", indexName());
            return false;
        }
    }

    /** The mapping version in a concrete index name {@code <alias>-v<N>}, or 0 when the name carries none. */
    static int versionOf(String index) {
        int at = index.lastIndexOf("-v");
        if (at < 0) {
            return 0;
        }
        try {
            return Integer.parseInt(index.substring(at + 2));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The indices the alias points at; empty when there is no alias. */
    public Set<String> aliasTargets() {
        try {
            if (!client.indices().existsAlias(a -> a.name(alias)).value()) {
                return Set.of();
            }
            GetAliasResponse response = client.indices().getAlias(a -> a.name(alias));
            return Set.copyOf(response.result().keySet());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read alias " + alias, e);
        }
    }

    /** Makes every indexed document visible to search (tests and the demo; production relies on refresh_interval). */
    public void refresh() {
        try {
            client.indices().refresh(r -> r.index(alias));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot refresh " + alias, e);
        }
    }

    /** Number of documents visible through the alias. */
    public long count() {
        try {
            return client.count(c -> c.index(alias)).count();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot count " + alias, e);
        }
    }

    /** The full mapping as JSON: the resource plus the per-language text fields. */
    static ObjectNode mappingJson() {
        ObjectNode mapping = resource(MAPPING_RESOURCE);
        ((ObjectNode) mapping.get("_meta")).put("mapping_version", MAPPING_VERSION);
        ObjectNode properties = (ObjectNode) mapping.get("properties");
        for (Map.Entry<String, String> language : new TreeMap<>(LanguageFields.ANALYZERS).entrySet()) {
            properties.putObject(LanguageFields.TITLE_PREFIX + language.getKey())
                    .put("type", "text").put("analyzer", language.getValue());
            properties.putObject(LanguageFields.BODY_PREFIX + language.getKey())
                    .put("type", "text").put("analyzer", language.getValue());
        }
        return mapping;
    }

    /** Index settings: shards, replicas and the analysis chain ({@code news-settings.json}). */
    static ObjectNode settingsJson(int shards, int replicas) {
        ObjectNode settings = resource(SETTINGS_RESOURCE);
        settings.put("number_of_shards", shards);
        settings.put("number_of_replicas", replicas);
        return settings;
    }

    private static ObjectNode resource(String name) {
        try (InputStream in = NewsIndex.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }

    private static TypeMapping mapping(JsonpMapper mapper) {
        String json = mappingJson().toString();
        return TypeMapping._DESERIALIZER.deserialize(mapper.jsonProvider().createParser(new StringReader(json)), mapper);
    }

    private static IndexSettings settings(JsonpMapper mapper, int shards, int replicas) {
        String json = settingsJson(shards, replicas).toString();
        return IndexSettings._DESERIALIZER.deserialize(mapper.jsonProvider().createParser(new StringReader(json)), mapper);
    }
}
