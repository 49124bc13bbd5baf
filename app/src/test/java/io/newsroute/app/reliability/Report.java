package io.newsroute.app.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** Writes the numbers of a reliability run to {@code target/reliability/<name>.json} (copied into docs/reliability.md). */
final class Report {
    private Report() {
    }

    static void write(String name, Map<String, ?> numbers) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("test", name);
        json.put("finishedAt", Instant.now().toString());
        json.putAll(numbers);
        Path dir = Path.of(System.getProperty("reliability.report.dir", "target/reliability"));
        try {
            Files.createDirectories(dir);
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve(name + ".json").toFile(), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
