package io.newsroute.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;

import io.newsroute.schema.topic.TopicSpec;

/** Topic creation through the Admin API, the same for the embedded broker and a container. */
final class TopicAdmin {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private TopicAdmin() {
    }

    /**
     * Creates the topics that do not exist yet (existing ones are left as they are) and waits until every
     * partition of every requested topic has a leader.
     *
     * @throws IllegalStateException if the broker rejects a topic
     */
    static void createAndAwaitLeaders(Admin admin, Collection<TopicSpec> topics) {
        if (topics.isEmpty()) {
            return;
        }
        Map<String, KafkaFuture<Void>> results = admin.createTopics(topics.stream().map(TopicSpec::toNewTopic).toList()).values();
        for (Map.Entry<String, KafkaFuture<Void>> result : results.entrySet()) {
            try {
                result.getValue().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("cannot create topic " + result.getKey() + ": " + e.getCause().getMessage(), e.getCause());
                }
            } catch (TimeoutException e) {
                throw new IllegalStateException("timed out creating topic " + result.getKey(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while creating topic " + result.getKey(), e);
            }
        }
        List<String> names = new ArrayList<>(results.keySet());
        Wait.waitFor(() -> allPartitionsLed(admin, names), Boolean::booleanValue, TIMEOUT, "a leader for every partition of " + names);
    }

    /** Whether every partition has a leader; a failed describe (metadata not propagated yet) throws, meaning "not yet". */
    private static boolean allPartitionsLed(Admin admin, List<String> names) {
        Map<String, TopicDescription> descriptions;
        try {
            descriptions = admin.describeTopics(names).allTopicNames().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot describe " + names + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while describing " + names, e);
        }
        return descriptions.values().stream()
                .flatMap(description -> description.partitions().stream())
                .allMatch(partition -> partition.leader() != null && !partition.leader().isEmpty());
    }
}
