package io.newsroute.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.Test;

/**
 * The Connect plugin archive that {@code mvn package} builds ({@code target/newsroute-sink-<version>-connect-plugin.zip})
 * is what a user drops into a worker's {@code plugin.path}: it must hold the connector and the converter,
 * with the service entries a worker with {@code plugin.discovery=service_load} needs, and their
 * dependencies, but not the Kafka jars the worker brings. Runs after {@code package}, so it checks the real archive.
 */
class ConnectPluginArchiveIT {

    private static Path archive() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            List<Path> zips = files.filter(f -> f.getFileName().toString().matches("newsroute-sink-.*-connect-plugin\\.zip")).toList();
            assertThat(zips).as("plugin archive in target/ (built by mvn package)").hasSize(1);
            return zips.get(0);
        }
    }

    @Test
    void theArchiveHoldsConnectorConverterAndDependencies() throws IOException {
        try (ZipFile zip = new ZipFile(archive().toFile())) {
            List<String> names = zip.stream().map(ZipEntry::getName).toList();
            String root = names.get(0).substring(0, names.get(0).indexOf('/') + 1);

            assertThat(root).startsWith("newsroute-opensearch-sink-");
            assertThat(names).contains(root + "manifest.json");
            assertThat(new String(zip.getInputStream(zip.getEntry(root + "manifest.json")).readAllBytes(), StandardCharsets.UTF_8))
                    .contains("\"component_types\": [\"sink\", \"converter\"]");
            assertThat(names).anyMatch(n -> n.matches(".*/lib/newsroute-sink-[^/]+\\.jar"))
                    .anyMatch(n -> n.matches(".*/lib/newsroute-schemas-[^/]+\\.jar"))
                    .anyMatch(n -> n.matches(".*/lib/avro-[^/]+\\.jar"))
                    .anyMatch(n -> n.matches(".*/lib/opensearch-java-[^/]+\\.jar"))
                    .noneMatch(n -> n.matches(".*/lib/(kafka-clients|connect-api|connect-runtime|slf4j-api)-[^/]+\\.jar"));

            String sinkJar = names.stream().filter(n -> n.matches(".*/lib/newsroute-sink-[^/]+\\.jar")).findFirst().orElseThrow();
            Map<String, byte[]> jar = entries(zip.getInputStream(zip.getEntry(sinkJar)));
            assertThat(jar).containsKeys("io/newsroute/sink/OpenSearchSinkConnector.class",
                    "io/newsroute/sink/converter/NewsAvroConverter.class",
                    "io/newsroute/sink/converter/AvroConnectData.class");
            assertThat(new String(jar.get("META-INF/services/org.apache.kafka.connect.storage.Converter"), StandardCharsets.UTF_8).trim())
                    .isEqualTo("io.newsroute.sink.converter.NewsAvroConverter");
            assertThat(new String(jar.get("META-INF/services/org.apache.kafka.connect.sink.SinkConnector"), StandardCharsets.UTF_8).trim())
                    .isEqualTo("io.newsroute.sink.OpenSearchSinkConnector");

            String schemasJar = names.stream().filter(n -> n.matches(".*/lib/newsroute-schemas-[^/]+\\.jar")).findFirst().orElseThrow();
            assertThat(entries(zip.getInputStream(zip.getEntry(schemasJar))))
                    .as("the converter reads every released schema version")
                    .containsKeys("io/newsroute/schema/history/EnrichedArticle-v1.avsc", "io/newsroute/schema/history/EnrichedArticle-v2.avsc",
                            "io/newsroute/schema/history/RawArticle-v1.avsc", "io/newsroute/schema/history/DeadLetter-v1.avsc");
        }
    }

    private static Map<String, byte[]> entries(InputStream jar) throws IOException {
        Map<String, byte[]> entries = new HashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(jar.readAllBytes()))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (!entry.isDirectory()) {
                    entries.put(entry.getName(), in.readAllBytes());
                }
            }
        }
        return entries;
    }
}
