package io.newsroute.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.ConfigurationSource;
import org.apache.logging.log4j.core.config.properties.PropertiesConfigurationFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * The shipped {@code log4j2.properties} (not the test configuration): with {@code newsroute.log.format=json}
 * every event is one parseable JSON object on one line, with the record context (MDC) as fields; without
 * it the output stays plain text.
 */
class JsonLogLayoutTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROPERTY = "newsroute.log.format";

    private final PrintStream originalErr = System.err;
    private final String originalFormat = System.getProperty(PROPERTY);

    @AfterEach
    void restore() {
        System.setErr(originalErr);
        if (originalFormat == null) {
            System.clearProperty(PROPERTY);
        } else {
            System.setProperty(PROPERTY, originalFormat);
        }
        MDC.clear();
    }

    @Test
    void jsonFormatWritesOneObjectPerLineWithTheRecordContext() throws Exception {
        String output = logWithShippedConfig("json", logger -> {
            MDC.put("topic", "news.raw");
            MDC.put("partition", "3");
            MDC.put("offset", "1234");
            MDC.put("articleId", "9721c81e04b9596d");
            logger.warn("dead-lettering record news.raw-3@1234: stage validate:\nempty title and body");
            MDC.clear();
            logger.error("sink task failed", new IllegalStateException("index \"news\" \u00e9 missing"));
            logger.info("below the root level: not written");
        });

        List<JsonNode> events = new ArrayList<>();
        for (String line : output.split("\n")) {
            events.add(JSON.readTree(line));
        }
        assertThat(events).hasSize(2).allSatisfy(event -> assertThat(event.isObject()).isTrue());
        JsonNode warning = events.get(0);
        assertThat(warning.path("level").asText()).isEqualTo("WARN");
        assertThat(warning.path("logger").asText()).isEqualTo("io.newsroute.test.JsonLog");
        assertThat(warning.path("message").asText()).isEqualTo("dead-lettering record news.raw-3@1234: stage validate:\nempty title and body");
        assertThat(warning.path("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(warning.path("context").path("topic").asText()).isEqualTo("news.raw");
        assertThat(warning.path("context").path("partition").asText()).isEqualTo("3");
        assertThat(warning.path("context").path("offset").asText()).isEqualTo("1234");
        assertThat(warning.path("context").path("articleId").asText()).isEqualTo("9721c81e04b9596d");
        assertThat(warning.has("error")).isFalse();

        JsonNode error = events.get(1);
        assertThat(error.path("level").asText()).isEqualTo("ERROR");
        assertThat(error.has("context")).isFalse();
        assertThat(error.path("error").path("class").asText()).isEqualTo(IllegalStateException.class.getName());
        assertThat(error.path("error").path("message").asText()).isEqualTo("index \"news\" \u00e9 missing");
        assertThat(error.path("error").path("stack").asText()).contains("JsonLogLayoutTest");
    }

    @Test
    void textStaysTheDefault() throws Exception {
        assumeTrue(System.getenv("NEWSROUTE_LOG_FORMAT") == null, "NEWSROUTE_LOG_FORMAT is set in this environment");

        String output = logWithShippedConfig(null, logger -> logger.warn("plain warning"));

        assertThat(output).contains(" WARN ", "plain warning").doesNotStartWith("{");
    }

    private String logWithShippedConfig(String format, java.util.function.Consumer<Logger> body) throws Exception {
        if (format == null) {
            System.clearProperty(PROPERTY);
        } else {
            System.setProperty(PROPERTY, format);
        }
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        URL config = getClass().getResource("/log4j2.properties");
        assertThat(config).as("shipped log4j2.properties on the classpath").isNotNull();
        LoggerContext context = new LoggerContext("json-log-test");
        try {
            context.start(new PropertiesConfigurationFactory().getConfiguration(context, ConfigurationSource.fromUri(config.toURI())));
            body.accept(context.getLogger("io.newsroute.test.JsonLog"));
        } finally {
            context.stop();
            System.setErr(originalErr);
        }
        return captured.toString(StandardCharsets.UTF_8).strip();
    }
}
