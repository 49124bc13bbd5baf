package io.newsroute.testsupport;

import java.util.Locale;
import java.util.Properties;

/**
 * Where the integration-test fixtures run their services: in this JVM ({@link #EMBEDDED}, the default,
 * needs nothing installed) or in Docker containers through Testcontainers ({@link #CONTAINERS}, asked
 * for with {@code -Dit.containers=true}). The tests are the same in both modes; they only see the
 * addresses the extensions hand out.
 */
public enum ServiceMode {
    /** The embedded KRaft broker and OpenSearch node, in the test JVM. */
    EMBEDDED,
    /** {@code apache/kafka} and {@code opensearchproject/opensearch} containers at the pinned versions. */
    CONTAINERS;

    /** The system property that selects the mode: {@code true} for {@link #CONTAINERS}, {@code false} or absent for {@link #EMBEDDED}. */
    public static final String PROPERTY = "it.containers";

    /** The mode this JVM was started with ({@link System#getProperties()}). */
    public static ServiceMode current() {
        return from(System.getProperties());
    }

    /** The mode named by {@link #PROPERTY} in these properties. */
    public static ServiceMode from(Properties properties) {
        return parse(properties.getProperty(PROPERTY));
    }

    /**
     * {@code null} or {@code false}: embedded; {@code true} or an empty value (a bare {@code -Dit.containers}):
     * containers. Case is ignored.
     *
     * @throws IllegalArgumentException for any other value, naming the property and the valid values
     */
    public static ServiceMode parse(String value) {
        if (value == null) {
            return EMBEDDED;
        }
        String normalised = value.strip().toLowerCase(Locale.ROOT);
        return switch (normalised) {
            case "false" -> EMBEDDED;
            case "true", "" -> CONTAINERS;
            default -> throw new IllegalArgumentException(PROPERTY + " must be true (Testcontainers) or false (embedded, "
                    + "the default), got '" + value + "'");
        };
    }
}
