package io.newsroute.sink;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.opensearch.client.json.JsonpMapper;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.opensearch.client.opensearch._types.mapping.TypeMapping;
import org.opensearch.client.opensearch.indices.GetAliasResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The search index: a concrete index {@code <alias>-v<MAPPING_VERSION>} (default {@code news-v1})
 * behind an alias (default {@code news}). Writers and readers use the alias, so a mapping change
 * is a new version of the index, filled by a replay, and an alias switch.
 *
 * <p>The mapping ({@code news-mapping.json} plus one {@code title_<lang>}/{@code body_<lang>} pair
 * per language analyzer) is {@code dynamic: strict}: a field {@link ArticleDocument} writes but the
 * mapping lacks is a rejected document, not a silently guessed type.
 */
public final class NewsIndex {
    private static final Logger LOG = LoggerFactory.getLogger(NewsIndex.class);

    /** Bump on every mapping change; the index name carries it. */
    public static final int MAPPING_VERSION = 1;

    private static final String MAPPING_RESOURCE = "news-mapping.json";
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

    /** The concrete index, e.g. {@code news-v1}. */
    public String indexName() {
        return alias + "-v" + MAPPING_VERSION;
    }

    public String alias() {
        return alias;
    }

    /**
     * Makes sure the alias exists: creates {@link #indexName()} with the current mapping and the
     * alias when neither exists, adds the alias when only the index exists, and leaves an existing
     * alias alone (it may point at a newer index version). Safe to call concurrently from several
     * tasks.
     *
     * @throws UncheckedIOException if OpenSearch cannot be reached
     * @throws OpenSearchException if OpenSearch refuses (e.g. a concrete index is named like the alias)
     */
    public void ensure() {
        try {
            if (client.indices().existsAlias(a -> a.name(alias)).value()) {
                Set<String> targets = aliasTargets();
                if (!targets.contains(indexName())) {
                    LOG.info("Alias {} points at {}, not {}; leaving it as it is", alias, targets, indexName());
                }
                return;
            }
            if (!client.indices().exists(e -> e.index(indexName())).value()) {
                try {
                    client.indices().create(c -> c
                            .index(indexName())
                            .settings(s -> s.numberOfShards(shards).numberOfReplicas(replicas))
                            .mappings(mapping(client._transport().jsonpMapper()))
                            .aliases(alias, a -> a));
                    LOG.info("Created index {} (mapping v{}, {} shard(s), {} replica(s)) with alias {}",
                            indexName(), MAPPING_VERSION, shards, replicas, alias);
                    return;
                } catch (OpenSearchException e) {
                    if (!"resource_already_exists_exception".equals(e.error().type())) {
                        throw e;
                    }
                    LOG.debug("Index {} was created concurrently", indexName());
                }
            }
            client.indices().putAlias(a -> a.index(indexName()).name(alias));
            LOG.info("Added alias {} to existing index {}", alias, indexName());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach OpenSearch to set up index " + indexName(), e);
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

    private Set<String> aliasTargets() throws IOException {
        GetAliasResponse response = client.indices().getAlias(a -> a.name(alias));
        return response.result().keySet();
    }

    /** The full mapping as JSON: the resource plus the per-language text fields. */
    static ObjectNode mappingJson() {
        try (InputStream in = NewsIndex.class.getResourceAsStream(MAPPING_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + MAPPING_RESOURCE);
            }
            ObjectNode mapping = (ObjectNode) JSON.readTree(in);
            ObjectNode properties = (ObjectNode) mapping.get("properties");
            for (Map.Entry<String, String> language : LanguageFields.ANALYZERS.entrySet()) {
                properties.putObject(LanguageFields.TITLE_PREFIX + language.getKey())
                        .put("type", "text").put("analyzer", language.getValue());
                properties.putObject(LanguageFields.BODY_PREFIX + language.getKey())
                        .put("type", "text").put("analyzer", language.getValue());
            }
            return mapping;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + MAPPING_RESOURCE, e);
        }
    }

    private static TypeMapping mapping(JsonpMapper mapper) {
        String json = mappingJson().toString();
        return TypeMapping._DESERIALIZER.deserialize(mapper.jsonProvider().createParser(new StringReader(json)), mapper);
    }
}
