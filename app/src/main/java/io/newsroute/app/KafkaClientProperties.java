package io.newsroute.app;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kafka client properties from a file ({@code --kafka-config FILE}), e.g. for SASL_SSL:
 * <pre>
 * security.protocol=SASL_SSL
 * sasl.mechanism=SCRAM-SHA-512
 * sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="newsroute" password="${env:NEWSROUTE_KAFKA_PASSWORD}";
 * ssl.truststore.location=/etc/newsroute/truststore.p12
 * ssl.truststore.password=${file:/run/secrets/truststore-password}
 * </pre>
 * Secrets stay out of the file: {@code ${env:NAME}} is replaced by the environment variable,
 * {@code ${file:PATH}} by the trimmed content of the file. Values are never logged (Kafka's own
 * config dump prints password-type values as {@code [hidden]}); {@link #describe} lists keys only.
 */
public final class KafkaClientProperties {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(env|file):([^}]+)}");

    private KafkaClientProperties() {
    }

    /** Loads and resolves the file; an empty map when {@code file} is null. */
    public static Map<String, Object> load(Path file) {
        return load(file, System::getenv);
    }

    /** Loads and resolves the file with the given environment; an empty map when {@code file} is null. */
    public static Map<String, Object> load(Path file, UnaryOperator<String> env) {
        Map<String, Object> config = new TreeMap<>();
        if (file == null) {
            return config;
        }
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(reader);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read Kafka client config " + file + ": " + e.getMessage(), e);
        }
        for (String key : props.stringPropertyNames()) {
            config.put(key, resolve(key, props.getProperty(key), env));
        }
        return config;
    }

    /**
     * Replaces {@code ${env:NAME}} and {@code ${file:PATH}} in {@code value}.
     *
     * @throws IllegalArgumentException naming {@code key} when a variable is unset or a file unreadable
     */
    public static String resolve(String key, String value, UnaryOperator<String> env) {
        Matcher m = PLACEHOLDER.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement;
            if (m.group(1).equals("env")) {
                replacement = env.apply(m.group(2));
                if (replacement == null) {
                    throw new IllegalArgumentException("setting " + key + " refers to environment variable "
                            + m.group(2) + ", which is not set");
                }
            } else {
                try {
                    replacement = Files.readString(Path.of(m.group(2)), StandardCharsets.UTF_8).trim();
                } catch (IOException e) {
                    throw new IllegalArgumentException("setting " + key + " refers to file " + m.group(2)
                            + ", which cannot be read: " + e.getMessage(), e);
                }
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The keys of a client config, for logs: never the values. */
    public static String describe(Map<String, Object> config) {
        return String.join(",", new TreeMap<>(config).keySet());
    }
}
