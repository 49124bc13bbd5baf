package io.newsroute.app.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The process's Prometheus registry and what is bound to it: JVM and process metrics from the start,
 * then Kafka Streams (with its producer, consumer and admin clients), a Kafka admin client and the
 * in-process Connect worker as they come up. The classify topology's own meters
 * ({@link io.newsroute.classify.ClassifyMetrics}) are registered on {@link #registry()} by the runtime.
 *
 * <p>The Kafka binders pick up client metrics that appear later (new stream threads, partitions) once
 * a minute, on one shared daemon thread.
 */
public final class RuntimeMetrics implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RuntimeMetrics.class);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final ScheduledExecutorService kafkaRefresh = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "newsroute-metrics-refresh");
        thread.setDaemon(true);
        return thread;
    });
    private final List<AutoCloseable> binders = new ArrayList<>();
    private final List<ConnectJmxMetrics> connect = new ArrayList<>();

    public RuntimeMetrics() {
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        binders.add(gc);
        new JvmThreadMetrics().bindTo(registry);
        new JvmInfoMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** Binds the Streams instance's metrics and those of its clients ({@code kafka_stream_*}, {@code kafka_consumer_*}, …). */
    public synchronized void bindStreams(KafkaStreams streams) {
        KafkaStreamsMetrics binder = new KafkaStreamsMetrics(streams, Tags.empty(), kafkaRefresh);
        binder.bindTo(registry);
        binders.add(binder);
    }

    /** Binds a Kafka admin client's metrics ({@code kafka_admin_client_*}). */
    public synchronized void bindAdmin(AdminClient admin) {
        KafkaClientMetrics binder = new KafkaClientMetrics(admin, Tags.empty(), kafkaRefresh);
        binder.bindTo(registry);
        binders.add(binder);
    }

    /** Bridges the in-process Connect worker's metrics ({@code kafka_connect_*}, see {@link ConnectJmxMetrics}). */
    public synchronized void bindConnect() {
        ConnectJmxMetrics binder = new ConnectJmxMetrics();
        binder.bindTo(registry);
        connect.add(binder);
    }

    /** The Prometheus text exposition of every meter, with Connect's MBeans refreshed first. */
    public String scrape() {
        List<ConnectJmxMetrics> bridges;
        synchronized (this) {
            bridges = List.copyOf(connect);
        }
        bridges.forEach(ConnectJmxMetrics::refresh);
        return registry.scrape();
    }

    @Override
    public synchronized void close() {
        for (AutoCloseable binder : binders) {
            try {
                binder.close();
            } catch (Exception e) {
                LOG.debug("error closing metrics binder {}: {}", binder, e.toString());
            }
        }
        binders.clear();
        connect.clear();
        kafkaRefresh.shutdownNow();
        registry.close();
    }
}
