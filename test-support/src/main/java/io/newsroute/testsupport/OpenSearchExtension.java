package io.newsroute.testsupport;

import java.nio.file.Path;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import io.newsroute.embedded.EmbeddedOpenSearch;

/**
 * A real OpenSearch node ({@link EmbeddedOpenSearch}) for a test class, in a fresh temporary home
 * directory that is deleted afterwards. Use like {@link KafkaExtension}:
 * {@code @RegisterExtension static final OpenSearchExtension SEARCH = new OpenSearchExtension();}.
 * On a single node create indices with {@code number_of_replicas: 0}.
 */
public final class OpenSearchExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

    private Path homeDir;
    private EmbeddedOpenSearch search;
    private boolean perTest;
    /** Class-level registrations seen (a @Nested class calls beforeAll again on the same instance). */
    private int classDepth;

    @Override
    public synchronized void beforeAll(ExtensionContext context) {
        if (classDepth++ == 0) {
            start();
        }
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) {
        if (--classDepth == 0) {
            stop();
        }
    }

    @Override
    public synchronized void beforeEach(ExtensionContext context) {
        if (search == null) {
            perTest = true;
            start();
        }
    }

    @Override
    public synchronized void afterEach(ExtensionContext context) {
        if (perTest) {
            stop();
        }
    }

    /** The REST base URL, {@code http://127.0.0.1:PORT}. */
    public synchronized String httpUrl() {
        if (search == null) {
            throw new IllegalStateException("OpenSearchExtension is not running: register it with @RegisterExtension "
                    + "and use it from a test, @BeforeAll/@BeforeEach or later");
        }
        return search.httpUrl();
    }

    private synchronized void start() {
        homeDir = TempDirs.create("newsroute-opensearch-");
        search = EmbeddedOpenSearch.start(homeDir);
    }

    private synchronized void stop() {
        try {
            if (search != null) {
                search.close();
            }
        } finally {
            search = null;
            perTest = false;
            TempDirs.deleteRecursively(homeDir);
            homeDir = null;
        }
    }
}
