package io.newsroute.app;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * Where a running `./newsroute demo` or `./newsroute run` can be reached, written to
 * {@code <home>/.newsroute/run.properties} so that `ingest` and `search` find it without flags.
 * {@code <home>} is the system property {@code newsroute.home} (the launcher sets the repository
 * root), else the working directory.
 */
final class RunState {
    static final String BOOTSTRAP = "bootstrap.servers";
    static final String SEARCH_URL = "search.url";
    static final String WEB_URL = "web.url";

    private RunState() {
    }

    static Path home() {
        return Path.of(System.getProperty("newsroute.home", ".")).toAbsolutePath().normalize();
    }

    static Path file() {
        return home().resolve(".newsroute").resolve("run.properties");
    }

    static void write(String bootstrapServers, String searchUrl) {
        write(bootstrapServers, searchUrl, "");
    }

    /** Also records the web page / search API base URL ({@code web.url}) that `search` talks to. */
    static void write(String bootstrapServers, String searchUrl, String webUrl) {
        Properties props = new Properties();
        if (webUrl != null && !webUrl.isBlank()) {
            props.setProperty(WEB_URL, webUrl);
        }
        props.setProperty(BOOTSTRAP, bootstrapServers);
        props.setProperty(SEARCH_URL, searchUrl);
        props.setProperty("pid", Long.toString(ProcessHandle.current().pid()));
        try {
            Files.createDirectories(file().getParent());
            try (Writer out = Files.newBufferedWriter(file(), StandardCharsets.UTF_8)) {
                props.store(out, "written by a running newsroute instance; removed when it stops");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file(), e);
        }
    }

    /** Removes the file, but only if this process wrote it. */
    static void clear() {
        Properties props = read();
        if (Long.toString(ProcessHandle.current().pid()).equals(props.getProperty("pid"))) {
            try {
                Files.deleteIfExists(file());
            } catch (IOException e) {
                // a stale file is detected by its pid on the next read
            }
        }
    }

    static Optional<String> get(String key) {
        Properties props = read();
        String pid = props.getProperty("pid");
        boolean alive = pid != null && ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
        return alive ? Optional.ofNullable(props.getProperty(key)) : Optional.empty();
    }

    private static Properties read() {
        Properties props = new Properties();
        if (Files.isRegularFile(file())) {
            try (Reader in = Files.newBufferedReader(file(), StandardCharsets.UTF_8)) {
                props.load(in);
            } catch (IOException | IllegalArgumentException e) {
                return new Properties();
            }
        }
        return props;
    }
}
