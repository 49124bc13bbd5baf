package io.newsroute.app.reliability;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Produces {@code count} synthetic articles to the raw topic from a background thread, at a bounded
 * rate, so that faults can be injected "while data flows". Idempotent, {@code acks=all} and a long
 * delivery timeout: the producer itself never loses or doubles a record across a broker restart, so
 * what the tests count downstream is the pipeline's doing.
 */
final class Feeder implements AutoCloseable {
    static final long TRICKLE_MILLIS = 250;
    private final KafkaProducer<byte[], byte[]> producer;
    private final Thread thread;
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger acked = new AtomicInteger();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private volatile boolean stop;
    private volatile int trickleFrom = Integer.MAX_VALUE;
    private volatile boolean released;

    Feeder(String bootstrap, String topic, String prefix, int count, int perSecond) {
        this(bootstrap, Map.of(), topic, prefix, count, perSecond);
    }

    Feeder(String bootstrap, Map<String, Object> clientConfig, String topic, String prefix, int count, int perSecond) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 300_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 300_000);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
        thread = new Thread(() -> run(topic, prefix, count, perSecond), "feeder-" + prefix);
        thread.setDaemon(true);
        thread.start();
    }

    private void run(String topic, String prefix, int count, int perSecond) {
        long started = System.nanoTime();
        try {
            for (int i = 0; i < count && !stop; i++) {
                byte[] key = Articles.id(prefix, i).getBytes(StandardCharsets.UTF_8);
                producer.send(new ProducerRecord<>(topic, key, Articles.encode(Articles.article(prefix, i))), (metadata, error) -> {
                    if (error != null) {
                        failure.compareAndSet(null, error);
                    } else {
                        acked.incrementAndGet();
                    }
                });
                sent.incrementAndGet();
                if (i + 1 >= trickleFrom && !released) {
                    // hold the stream open at a trickle until the test has done its fault, then resume the pace
                    Thread.sleep(TRICKLE_MILLIS);
                    started = System.nanoTime() - (long) ((i + 1) * 1e9 / perSecond);
                    continue;
                }
                long due = started + (long) ((i + 1) * 1e9 / perSecond);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
            }
            producer.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
        }
    }

    /**
     * From the {@code index}-th article on, send only one article per {@value #TRICKLE_MILLIS} ms until
     * {@link #release()}: a fault injected by the test then always happens while articles still flow,
     * however slow the machine is, instead of after the feeder has already sent everything.
     */
    void trickleFrom(int index) {
        trickleFrom = index;
    }

    /** Back to the configured pace after {@link #trickleFrom}. */
    void release() {
        released = true;
    }

    int sent() {
        return sent.get();
    }

    int acked() {
        return acked.get();
    }

    boolean finished() {
        return !thread.isAlive();
    }

    /** Waits for the thread and throws if any send failed. */
    void awaitDone(long timeoutMillis) throws InterruptedException {
        thread.join(timeoutMillis);
        if (thread.isAlive()) {
            throw new AssertionError("feeder still running after " + timeoutMillis + " ms: sent " + sent() + ", acked " + acked());
        }
        if (failure.get() != null) {
            throw new AssertionError("a send failed", failure.get());
        }
    }

    @Override
    public void close() {
        stop = true;
        try {
            thread.join(60_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close();
    }
}
