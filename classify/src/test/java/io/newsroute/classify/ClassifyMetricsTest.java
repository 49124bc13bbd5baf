package io.newsroute.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.MDC;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import io.newsroute.schema.Labels;
import io.newsroute.schema.RawArticle;
import io.newsroute.schema.serde.NewsSerdes;
import io.newsroute.schema.topic.NewsTopics;

/** The topology's meters and logging context, through {@link TopologyTestDriver} with a {@link SimpleMeterRegistry}. */
class ClassifyMetricsTest {
    private static final Instant NOW = Instant.parse("2024-06-01T10:00:00Z");
    private static final NewsTopics TOPICS = NewsTopics.defaults();

    @TempDir
    Path stateDir;

    private SimpleMeterRegistry registry;
    private TopologyTestDriver driver;
    private TestInputTopic<byte[], byte[]> raw;
    private CapturingAppender appender;

    @BeforeEach
    void start() {
        registry = new SimpleMeterRegistry();
        ClassifyMetrics metrics = ClassifyMetrics.register(registry, TestPipelines.shared(), ClassifyConfig.defaults().languages());
        var topology = ClassifyTopology.build(TOPICS, TestPipelines.shared(), Clock.fixed(NOW, ZoneOffset.UTC),
                ClassifyConfig.defaults(), metrics);
        Properties props = ClassifyStreams.properties(ClassifyConfig.defaults(), "127.0.0.1:9", stateDir, Map.of());
        driver = new TopologyTestDriver(topology, props, NOW);
        raw = driver.createInputTopic(TOPICS.raw().name(), new ByteArraySerializer(), new ByteArraySerializer());
        appender = CapturingAppender.attach();
    }

    @AfterEach
    void stop() {
        appender.detach();
        driver.close();
        registry.close();
    }

    @Test
    void enrichedArticlesAreCountedPerLabelAndLanguage() {
        pipe(TestPipelines.seed("003_a64ae466073c5232.txt")); // de: cloud-outage + stock-commentary
        pipe(TestPipelines.article("recipe-1", "Apfelstrudel wie bei Oma",
                "Für den Teig Mehl, Wasser, Öl und eine Prise Salz verkneten und eine halbe Stunde ruhen lassen. "
                        + "Die Äpfel schälen, in dünne Scheiben schneiden und mit Zimt, Zucker und Rosinen mischen."));

        assertThat(labelled(Labels.CLOUD_OUTAGE)).isEqualTo(1.0);
        assertThat(labelled(Labels.STOCK_COMMENTARY)).isEqualTo(1.0);
        assertThat(labelled(Labels.SECURITY_BREACH)).isZero();
        assertThat(labelled(ClassifyMetrics.NO_LABEL)).isEqualTo(1.0);
        assertThat(registry.get(ClassifyMetrics.ARTICLES_PROCESSED).tag("language", "de").counter().count()).isEqualTo(2.0);
        assertThat(registry.get(ClassifyMetrics.ARTICLES_PROCESSED).tag("language", "fr").counter().count()).isZero();
        for (String stage : ClassifyMetrics.STAGES) {
            assertThat(deadLetters(stage)).as(stage).isZero();
        }
    }

    @Test
    void everyStageOfAnEnrichedArticleIsTimed() {
        pipe(TestPipelines.seed("000_f5622467ff08ba2c.txt"));

        for (String stage : ClassifyMetrics.STAGES) {
            Timer timer = registry.get(ClassifyMetrics.STAGE_LATENCY).tag("stage", stage).timer();
            assertThat(timer.count()).as(stage).isEqualTo(1L);
            assertThat(timer.totalTime(TimeUnit.NANOSECONDS)).as(stage).isPositive();
        }
        // language detection and classification do real work: more than a microsecond each
        assertThat(registry.get(ClassifyMetrics.STAGE_LATENCY).tag("stage", StageException.DETECT_LANGUAGE).timer()
                .totalTime(TimeUnit.MICROSECONDS)).isGreaterThan(1.0);
    }

    @Test
    void deadLettersAreCountedUnderTheirStageAndFailedStagesAreNotTimed() {
        raw.pipeInput(key("junk-1"), "not avro".getBytes(StandardCharsets.UTF_8));
        pipe(TestPipelines.article("empty-1", "", "   "));
        pipe(TestPipelines.article("huge-1", "AWS outage", "a".repeat(ClassifyConfig.defaults().maxBodyChars() + 1)));

        assertThat(deadLetters("deserialize")).isEqualTo(1.0);
        assertThat(deadLetters(StageException.VALIDATE)).isEqualTo(2.0);
        assertThat(deadLetters(StageException.CLASSIFY)).isZero();
        assertThat(labelled(ClassifyMetrics.NO_LABEL)).isZero();
        // the two Avro records decoded, the junk did not; none passed validation
        assertThat(registry.get(ClassifyMetrics.STAGE_LATENCY).tag("stage", "deserialize").timer().count()).isEqualTo(2L);
        assertThat(registry.get(ClassifyMetrics.STAGE_LATENCY).tag("stage", StageException.VALIDATE).timer().count()).isZero();
    }

    @Test
    void modelVersionIsAnInfoGaugeWithTheVersionAsTag() {
        Gauge info = registry.get(ClassifyMetrics.MODEL_INFO).gauge();

        assertThat(info.value()).isEqualTo(1.0);
        assertThat(info.getId().getTag("model_version")).isEqualTo(TestPipelines.shared().modelVersion());
        assertThat(info.getId().getTag("pipeline_version")).isEqualTo(ArticlePipeline.pipelineVersion());
    }

    @Test
    void metersAreCreatedOnceNotPerRecord() {
        pipe(TestPipelines.seed("004_3ca9bc80b7bcc4df.txt"));
        raw.pipeInput(key("junk"), new byte[] {1, 2, 3});
        int meters = registry.getMeters().size();

        for (int i = 0; i < 3; i++) {
            pipe(TestPipelines.seed("004_3ca9bc80b7bcc4df.txt"));
            raw.pipeInput(key("junk-" + i), new byte[] {1, 2, 3});
        }

        assertThat(registry.getMeters()).hasSize(meters);
        assertThat(deadLetters("deserialize")).isEqualTo(4.0);
    }

    @Test
    void logLinesOfARecordCarryItsCoordinatesAndArticleIdAndTheContextIsClearedAfterwards() {
        pipe(TestPipelines.article("ok-1", "AWS outage in us-east-1", "Amazon Web Services reported an outage."));
        pipe(TestPipelines.article("empty-1", "", "   "));

        LogEvent warning = appender.events.stream()
                .filter(e -> e.getLevel() == Level.WARN && e.getMessage().getFormattedMessage().contains("dead-lettering"))
                .findFirst().orElseThrow();
        assertThat(warning.getContextData().toMap()).containsEntry(EnrichProcessor.MDC_TOPIC, TOPICS.raw().name())
                .containsEntry(EnrichProcessor.MDC_PARTITION, "0")
                .containsEntry(EnrichProcessor.MDC_OFFSET, "1")
                .containsEntry(EnrichProcessor.MDC_ARTICLE_ID, "empty-1");
        assertThat(MDC.getCopyOfContextMap()).satisfiesAnyOf(
                map -> assertThat(map).isNull(), map -> assertThat(map).isEmpty());
    }

    private void pipe(RawArticle article) {
        raw.pipeInput(key(article.getId()), NewsSerdes.rawCodec().encode(article));
    }

    private double labelled(String label) {
        return registry.get(ClassifyMetrics.ARTICLES_LABELLED).tag("label", label).counter().count();
    }

    private double deadLetters(String stage) {
        return registry.get(ClassifyMetrics.DEAD_LETTERS).tag("stage", stage).counter().count();
    }

    private static byte[] key(String id) {
        return id.getBytes(StandardCharsets.UTF_8);
    }

    /** Keeps immutable copies of the WARN-and-above events logged while attached to the root logger. */
    private static final class CapturingAppender extends AbstractAppender {
        final List<LogEvent> events = new CopyOnWriteArrayList<>();

        private CapturingAppender() {
            super("capture-" + System.nanoTime(), null, null, true, Property.EMPTY_ARRAY);
        }

        static CapturingAppender attach() {
            CapturingAppender appender = new CapturingAppender();
            appender.start();
            LoggerContext context = (LoggerContext) LogManager.getContext(false);
            context.getConfiguration().getRootLogger().addAppender(appender, Level.WARN, null);
            context.updateLoggers();
            return appender;
        }

        void detach() {
            LoggerContext context = (LoggerContext) LogManager.getContext(false);
            context.getConfiguration().getRootLogger().removeAppender(getName());
            context.updateLoggers();
            stop();
        }

        @Override
        public void append(LogEvent event) {
            events.add(event.toImmutable());
        }
    }
}
