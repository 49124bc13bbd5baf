package io.newsroute.sink;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.ErrorCause;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.opensearch.client.opensearch._types.VersionType;
import org.opensearch.client.opensearch.core.BulkResponse;
import org.opensearch.client.opensearch.core.bulk.BulkOperation;
import org.opensearch.client.opensearch.core.bulk.BulkResponseItem;
import org.opensearch.client.opensearch.core.bulk.OperationType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one batch of operations as bulk requests and checks every item:
 * <ul>
 *   <li>2xx: done; a delete of a missing document (404 {@code not_found}) is done too;</li>
 *   <li>409 version conflict: a stale or replayed record ({@code external_gte}), skipped;</li>
 *   <li>429, 5xx, or the whole request failing on the connection: retried with backoff, only the
 *       failed items, up to {@code maxRetries} times, then {@link RetriableException};</li>
 *   <li>any other 4xx: the document is rejected (mapping or parse error) and returned to the
 *       caller, who dead-letters it.</li>
 * </ul>
 * Not thread-safe; one per task.
 */
final class BulkIndexer {
    private static final Logger LOG = LoggerFactory.getLogger(BulkIndexer.class);

    /** What to do with one bulk item (or a whole failed request) by HTTP status. */
    enum Outcome { DONE, CONFLICT, RETRY, REJECT }

    /** One operation, with the record it came from. */
    record Item(SinkRecord record, String id, BulkOperation operation) {
        Item {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(operation, "operation");
        }

        static Item index(SinkRecord record, String id, long version, Map<String, Object> document) {
            return new Item(record, id, BulkOperation.of(b -> b.index(i -> i
                    .id(id)
                    .document(document)
                    .version(version)
                    .versionType(VersionType.ExternalGte)
                    .requireAlias(true))));
        }

        static Item delete(SinkRecord record, String id) {
            return new Item(record, id, BulkOperation.of(b -> b.delete(d -> d.id(id))));
        }
    }

    /** A document OpenSearch refused for good. */
    record Rejection(Item item, int status, String reason) {
    }

    /** Sleeps between retries; a seam for tests. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    private final OpenSearchClient client;
    private final String alias;
    private final int maxRetries;
    private final RetryBackoff backoff;
    private final Sleeper sleeper;

    BulkIndexer(OpenSearchClient client, String alias, int maxRetries, RetryBackoff backoff, Sleeper sleeper) {
        this.client = Objects.requireNonNull(client, "client");
        this.alias = Objects.requireNonNull(alias, "alias");
        this.maxRetries = maxRetries;
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    static Outcome classify(int status, OperationType type, String result) {
        if (status >= 200 && status < 300) {
            return Outcome.DONE;
        }
        if (status == 404 && type == OperationType.Delete && "not_found".equals(result)) {
            return Outcome.DONE;
        }
        if (status == 409) {
            return Outcome.CONFLICT;
        }
        if (status == 429 || status >= 500) {
            return Outcome.RETRY;
        }
        return Outcome.REJECT;
    }

    /**
     * Indexes {@code items} in one bulk request (plus retries of failed items).
     *
     * @return the items OpenSearch rejected for good, in input order; empty when all were applied
     * @throws RetriableException when items still fail with 429/5xx/connection errors after the retries
     * @throws ConnectException when the request as a whole is refused (a bug or a broken cluster
     *     setup, e.g. the alias is missing), which retrying cannot fix
     */
    List<Rejection> index(List<Item> items) {
        List<Rejection> rejections = new ArrayList<>();
        List<Item> pending = items;
        for (int attempt = 0; !pending.isEmpty(); attempt++) {
            List<Item> retry = new ArrayList<>();
            String retryReason = null;
            try {
                List<Item> sent = pending;
                BulkResponse response = client.bulk(b -> b
                        .index(alias)
                        .operations(sent.stream().map(Item::operation).toList()));
                List<BulkResponseItem> results = response.items();
                if (results.size() != sent.size()) {
                    throw new ConnectException("bulk response to " + alias + " has " + results.size()
                            + " items for " + sent.size() + " operations");
                }
                for (int i = 0; i < sent.size(); i++) {
                    Item item = sent.get(i);
                    BulkResponseItem result = results.get(i);
                    Outcome outcome = classify(result.status(), result.operationType(), result.result());
                    switch (outcome) {
                        case DONE -> {
                        }
                        case CONFLICT -> LOG.debug("Skipped {} (version conflict: a newer or equal version is indexed) {}",
                                item.id(), coordinates(item));
                        case RETRY -> {
                            retry.add(item);
                            retryReason = result.status() + " " + describe(result.error());
                        }
                        case REJECT -> {
                            if (isMissingIndex(result.error())) {
                                throw new ConnectException("index alias " + alias + " is missing ("
                                        + describe(result.error()) + "); restart the task to recreate it");
                            }
                            rejections.add(new Rejection(item, result.status(), describe(result.error())));
                        }
                        default -> throw new IllegalStateException("unexpected outcome " + outcome);
                    }
                }
            } catch (OpenSearchException e) {
                if (classify(e.status(), null, null) != Outcome.RETRY) {
                    throw new ConnectException("bulk request to " + alias + " refused: " + e.status() + " "
                            + describe(e.error()), e);
                }
                retry = pending;
                retryReason = e.status() + " " + describe(e.error());
            } catch (IOException e) {
                retry = pending;
                retryReason = e.getClass().getSimpleName() + ": " + e.getMessage();
            }
            if (retry.isEmpty()) {
                break;
            }
            if (attempt >= maxRetries) {
                throw new RetriableException(retry.size() + " of " + items.size() + " documents still failing on "
                        + alias + " after " + maxRetries + " retries, last error: " + retryReason
                        + "; first id " + retry.get(0).id());
            }
            long delay = backoff.delayMs(attempt);
            LOG.warn("Retrying {} document(s) on {} in {} ms (attempt {}/{}): {}", retry.size(), alias, delay,
                    attempt + 1, maxRetries, retryReason);
            try {
                sleeper.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RetriableException("interrupted while backing off before retrying " + retry.size()
                        + " document(s)", e);
            }
            pending = retry;
        }
        return rejections;
    }

    private static boolean isMissingIndex(ErrorCause error) {
        return error != null && "index_not_found_exception".equals(error.type());
    }

    static String describe(ErrorCause error) {
        if (error == null) {
            return "(no error detail)";
        }
        StringBuilder text = new StringBuilder().append(error.type()).append(": ").append(error.reason());
        ErrorCause cause = error.causedBy();
        for (int depth = 0; cause != null && depth < 3; depth++, cause = cause.causedBy()) {
            text.append(" (caused by ").append(cause.type()).append(": ").append(cause.reason()).append(')');
        }
        return text.toString();
    }

    static String coordinates(Item item) {
        SinkRecord record = item.record();
        return record == null ? "" : "[" + record.topic() + "-" + record.kafkaPartition() + "@" + record.kafkaOffset() + "]";
    }
}
