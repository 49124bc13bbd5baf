package io.newsroute.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Temporary directories of the extensions: created per start, deleted after the service stopped. */
final class TempDirs {

    private static final Logger LOG = LoggerFactory.getLogger(TempDirs.class);

    private TempDirs() {
    }

    static Path create(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory " + prefix + "*", e);
        }
    }

    /** Best effort: a file that cannot be deleted is logged, not fatal, so a test's own failure stays visible. */
    static void deleteRecursively(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    LOG.warn("Cannot delete {}: {}", path, e.toString());
                }
            });
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("Cannot delete {}: {}", dir, e.toString());
        }
    }
}
