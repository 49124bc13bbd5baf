package io.newsroute.app;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.newsroute.schema.topic.NewsTopics;
import io.newsroute.schema.topic.TopicSpec;

/**
 * Creates and inspects the topics of a deployment ({@link NewsTopics}) through the admin client. Creating
 * is idempotent: a topic that exists is compared with its spec and never changed; differences in
 * partitions, cleanup policy, retention (and replication, when asked for explicitly) are reported.
 */
final class TopicAdmin {
    private static final Logger LOG = LoggerFactory.getLogger(TopicAdmin.class);

    enum Outcome { CREATED, EXISTS, DIFFERS }

    /** What {@link #create} did with one topic; {@code differences} is empty unless {@link Outcome#DIFFERS}. */
    record Created(TopicSpec spec, Outcome outcome, List<String> differences) {
    }

    /** One topic as the cluster has it; {@code partitions == 0} when it does not exist. */
    record State(String name, int partitions, int replication, String cleanupPolicy, long retentionMs,
                 Map<Integer, Long> endOffsets) {
        boolean exists() {
            return partitions > 0;
        }

        long records() {
            return endOffsets.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private final Admin admin;
    private final Duration timeout;

    TopicAdmin(Admin admin, Duration timeout) {
        this.admin = admin;
        this.timeout = timeout;
    }

    /** Number of brokers in the cluster. */
    int brokers() {
        return get(admin.describeCluster().nodes(), "describe the cluster").size();
    }

    /**
     * Creates the missing topics and compares the existing ones with their spec.
     *
     * @param checkReplication whether a different replication factor of an existing topic counts as a difference
     */
    List<Created> create(NewsTopics topics, boolean checkReplication) {
        Set<String> existing = get(admin.listTopics().names(), "list topics");
        List<TopicSpec> missing = topics.all().stream().filter(t -> !existing.contains(t.name())).toList();
        Map<String, Outcome> outcomes = new HashMap<>();
        if (!missing.isEmpty()) {
            Map<String, KafkaFuture<Void>> results = admin.createTopics(missing.stream().map(TopicSpec::toNewTopic).toList()).values();
            for (TopicSpec spec : missing) {
                try {
                    results.get(spec.name()).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                    outcomes.put(spec.name(), Outcome.CREATED);
                    LOG.info("created topic {} ({} partitions, replication {}, {})", spec.name(), spec.partitions(),
                            spec.replicationFactor(), spec.configs());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + spec.name() + ": " + e.getCause().getMessage(), e.getCause());
                    }
                    // created by someone else in the meantime: compare it like any existing topic
                } catch (TimeoutException e) {
                    throw new IllegalStateException("no answer within " + timeout.toSeconds() + " s creating topic " + spec.name(), e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while creating topic " + spec.name(), e);
                }
            }
        }
        awaitVisible(outcomes.keySet().stream().sorted().toList());
        List<TopicSpec> toCompare = topics.all().stream().filter(t -> !outcomes.containsKey(t.name())).toList();
        Map<String, State> states = toCompare.isEmpty() ? Map.of() : states(toCompare.stream().map(TopicSpec::name).toList(), false);
        List<Created> created = new ArrayList<>();
        for (TopicSpec spec : topics.all()) {
            if (outcomes.get(spec.name()) == Outcome.CREATED) {
                created.add(new Created(spec, Outcome.CREATED, List.of()));
            } else {
                List<String> differences = differences(spec, states.get(spec.name()), checkReplication);
                created.add(new Created(spec, differences.isEmpty() ? Outcome.EXISTS : Outcome.DIFFERS, differences));
            }
        }
        return created;
    }

    /**
     * Waits until topics just created answer a describe: the controller confirms a creation before every
     * broker's metadata has it, and a script running {@code topics create && topics describe} (or a
     * client starting right after) should find them.
     */
    private void awaitVisible(List<String> names) {
        if (names.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                admin.describeTopics(names).allTopicNames().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw new IllegalStateException("topics " + names + " were created but are not visible within "
                            + timeout.toSeconds() + " s: " + e.getCause().getMessage(), e.getCause());
                }
            } catch (TimeoutException e) {
                throw new IllegalStateException("no answer within " + timeout.toSeconds() + " s describing topics " + names, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for topics " + names, e);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for topics " + names, e);
            }
        }
    }

    /** Every topic of the deployment as the cluster has it, with end offsets; missing topics have 0 partitions. */
    List<State> describe(NewsTopics topics) {
        List<String> names = topics.all().stream().map(TopicSpec::name).toList();
        Map<String, State> states = states(names, true);
        return names.stream().map(states::get).toList();
    }

    private Map<String, State> states(List<String> names, boolean withOffsets) {
        Set<String> existing = get(admin.listTopics().names(), "list topics");
        List<String> present = names.stream().filter(existing::contains).toList();
        Map<String, TopicDescription> descriptions = present.isEmpty() ? Map.of()
                : get(admin.describeTopics(present).allTopicNames(), "describe topics");
        List<ConfigResource> resources = present.stream().map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList();
        Map<ConfigResource, Config> configs = present.isEmpty() ? Map.of() : get(admin.describeConfigs(resources).all(), "describe topic configs");
        Map<TopicPartition, Long> offsets = new HashMap<>();
        if (withOffsets && !present.isEmpty()) {
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            descriptions.values().forEach(d -> d.partitions().forEach(p -> request.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
            Map<TopicPartition, ListOffsetsResultInfo> latest = get(admin.listOffsets(request).all(), "list end offsets");
            latest.forEach((tp, info) -> offsets.put(tp, info.offset()));
        }
        Map<String, State> states = new LinkedHashMap<>();
        for (String name : names) {
            TopicDescription description = descriptions.get(name);
            if (description == null) {
                states.put(name, new State(name, 0, 0, "", 0, Map.of()));
                continue;
            }
            Config config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, name));
            String cleanup = value(config, TopicConfig.CLEANUP_POLICY_CONFIG).orElse("delete");
            long retention = value(config, TopicConfig.RETENTION_MS_CONFIG).map(Long::parseLong).orElse(-1L);
            int replication = description.partitions().isEmpty() ? 0 : description.partitions().get(0).replicas().size();
            Map<Integer, Long> ends = new TreeMap<>();
            if (withOffsets) {
                description.partitions().forEach(p -> ends.put(p.partition(), offsets.getOrDefault(new TopicPartition(name, p.partition()), 0L)));
            }
            states.put(name, new State(name, description.partitions().size(), replication, cleanup, retention, ends));
        }
        return states;
    }

    private static List<String> differences(TopicSpec spec, State state, boolean checkReplication) {
        List<String> differences = new ArrayList<>();
        if (state.partitions() != spec.partitions()) {
            differences.add("has " + state.partitions() + " partitions, wanted " + spec.partitions());
        }
        if (checkReplication && state.replication() != spec.replicationFactor()) {
            differences.add("has replication factor " + state.replication() + ", wanted " + spec.replicationFactor());
        }
        String cleanup = spec.configs().getOrDefault(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE);
        if (!normalise(state.cleanupPolicy()).equals(normalise(cleanup))) {
            differences.add("has cleanup.policy=" + state.cleanupPolicy() + ", wanted " + cleanup);
        }
        String retention = spec.configs().get(TopicConfig.RETENTION_MS_CONFIG);
        if (retention != null && state.retentionMs() != Long.parseLong(retention)) {
            differences.add("has retention.ms=" + state.retentionMs() + ", wanted " + retention);
        }
        return differences;
    }

    private static String normalise(String policy) {
        return String.join(",", new java.util.TreeSet<>(List.of(policy.replace(" ", "").split(","))));
    }

    private static Optional<String> value(Config config, String key) {
        if (config == null) {
            return Optional.empty();
        }
        ConfigEntry entry = config.get(key);
        return entry == null || entry.value() == null ? Optional.empty() : Optional.of(entry.value());
    }

    private <T> T get(KafkaFuture<T> future, String what) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot " + what + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("no answer from Kafka within " + timeout.toSeconds() + " s trying to " + what, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while trying to " + what, e);
        }
    }
}
