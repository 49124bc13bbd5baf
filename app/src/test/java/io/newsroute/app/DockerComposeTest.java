package io.newsroute.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import javax.xml.parsers.DocumentBuilderFactory;

import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

import io.newsroute.schema.topic.NewsTopics;
import io.newsroute.sink.OpenSearchSinkConfig;

/**
 * docker-compose.yml cannot be started here (no Docker engine), so this keeps it honest by parsing it
 * (and the files it mounts) and checking the structure against the code: images are the versions the
 * build pins, every long-running service has a healthcheck and every dependency waits for the right
 * condition, the app services' commands parse as real CLI invocations, topics are created by a one-shot
 * service before anything uses Kafka, the Connect worker mounts the plugin directory the sink module
 * builds and the connector registered is the checked one, and the saved dashboard counts labels and
 * languages over time on fields the index mapping has.
 */
class DockerComposeTest {
    private static final Path ROOT = Path.of("..");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> ONE_SHOT = Set.of("create-topics", "register-connector", "import-dashboards", "ingest");
    private static final String APP_IMAGE = "newsroute:local";

    private final JsonNode compose = read(ROOT.resolve("docker-compose.yml"), new ObjectMapper(new YAMLFactory()));
    private final JsonNode services = compose.get("services");

    private static JsonNode read(Path path, ObjectMapper mapper) {
        try {
            return mapper.readTree(path.toFile());
        } catch (IOException e) {
            throw new AssertionError("cannot parse " + path + ": " + e.getMessage(), e);
        }
    }

    private List<String> serviceNames() {
        List<String> names = new ArrayList<>();
        services.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private JsonNode service(String name) {
        JsonNode service = services.get(name);
        assertThat(service).as("service " + name).isNotNull();
        return service;
    }

    private static List<String> list(JsonNode node) {
        List<String> values = new ArrayList<>();
        node.forEach(value -> values.add(value.asText()));
        return values;
    }

    private static boolean oneShot(JsonNode service) {
        return service.path("restart").asText().equals("no");
    }

    /** Bind mounts of a service: container path to the repository path it comes from (relative to the root). */
    private Map<String, String> bindMounts(String name) {
        Map<String, String> mounts = new LinkedHashMap<>();
        for (String volume : list(service(name).path("volumes"))) {
            String[] parts = volume.split(":");
            if (parts[0].startsWith("./")) {
                mounts.put(parts[1], parts[0].substring(2));
            }
        }
        return mounts;
    }

    /** The CLI invocation of an app service, parsed by the real command line. */
    private ParseResult appCommand(String name) {
        JsonNode service = service(name);
        assertThat(service.path("image").asText()).as(name + " image").isEqualTo(APP_IMAGE);
        assertThat(service.path("build").asText()).as(name + " builds the project's Dockerfile").isEqualTo(".");
        ParseResult parsed = new CommandLine(new Newsroute()).parseArgs(list(service.get("command")).toArray(String[]::new));
        assertThat(parsed.subcommand()).as(name + " runs a subcommand").isNotNull();
        return parsed.subcommand();
    }

    @Test
    void servicesOfTheProductionStackArePresent() {
        assertThat(serviceNames()).containsExactlyInAnyOrder("kafka", "create-topics", "opensearch", "dashboards", "import-dashboards",
                "connect", "register-connector", "classify", "ingest");
    }

    @Test
    void imagesAreTheVersionsTheBuildPins() {
        String kafka = AppInfoParser.getVersion();
        String opensearch = org.opensearch.Version.CURRENT.toString();
        assertThat(service("kafka").get("image").asText()).isEqualTo("apache/kafka:" + kafka);
        assertThat(service("connect").get("image").asText()).isEqualTo("apache/kafka:" + kafka);
        assertThat(service("opensearch").get("image").asText()).isEqualTo("opensearchproject/opensearch:" + opensearch);
        assertThat(service("dashboards").get("image").asText()).isEqualTo("opensearchproject/opensearch-dashboards:" + opensearch);
        for (String name : serviceNames()) {
            assertThat(service(name).path("image").asText()).as(name + " image has an explicit tag").matches("[a-z0-9./-]+:[A-Za-z0-9._-]+")
                    .doesNotEndWith(":latest");
        }
    }

    @Test
    void everyLongRunningServiceHasAHealthcheckAndDependenciesWaitForHealthOrCompletion() {
        Set<String> oneShots = new HashSet<>();
        for (String name : serviceNames()) {
            JsonNode service = service(name);
            if (oneShot(service)) {
                oneShots.add(name);
                assertThat(service.has("healthcheck")).as(name + " is one-shot: it exits, it has no health").isFalse();
            } else {
                JsonNode test = service.path("healthcheck").path("test");
                assertThat(test.isArray() && test.size() >= 2).as(name + " healthcheck").isTrue();
                assertThat(test.get(0).asText()).as(name + " healthcheck form").isIn("CMD", "CMD-SHELL");
                assertThat(service.path("healthcheck").path("retries").asInt()).as(name + " healthcheck retries").isPositive();
            }
        }
        assertThat(oneShots).isEqualTo(ONE_SHOT);
        for (String name : serviceNames()) {
            JsonNode dependsOn = service(name).path("depends_on");
            assertThat(dependsOn.isArray()).as(name + " depends_on uses the long form with conditions").isFalse();
            dependsOn.fields().forEachRemaining(dependency -> {
                String target = dependency.getKey();
                assertThat(services.has(target)).as(name + " depends on an existing service " + target).isTrue();
                String expected = ONE_SHOT.contains(target) ? "service_completed_successfully" : "service_healthy";
                assertThat(dependency.getValue().path("condition").asText()).as(name + " -> " + target).isEqualTo(expected);
            });
        }
        assertThat(service("kafka").has("depends_on")).isFalse();
        assertThat(service("opensearch").has("depends_on")).isFalse();
    }

    @Test
    void kafkaDoesNotAutoCreateTopicsAndAdvertisesThePortsTheClientsUse() {
        JsonNode env = service("kafka").get("environment");
        assertThat(env.get("KAFKA_AUTO_CREATE_TOPICS_ENABLE").asText()).isEqualTo("false");
        assertThat(List.of(env.get("KAFKA_ADVERTISED_LISTENERS").asText().split(",")))
                .containsExactlyInAnyOrder("INTERNAL://kafka:9092", "EXTERNAL://localhost:29092");
        assertThat(list(service("kafka").get("ports"))).containsExactly("29092:29092");
        assertThat(list(service("opensearch").get("ports"))).containsExactly("9200:9200");
        assertThat(list(service("connect").get("ports"))).containsExactly("8083:8083");
    }

    @Test
    void topicsAreCreatedByAOneShotServiceBeforeAnythingUsesKafka() {
        ParseResult topics = appCommand("create-topics");
        assertThat(topics.commandSpec().name()).isEqualTo("topics");
        ParseResult create = topics.subcommand();
        assertThat(create).as("topics create").isNotNull();
        assertThat(create.commandSpec().name()).isEqualTo("create");
        assertThat(create.matchedOptionValue("--bootstrap-servers", "")).isEqualTo("kafka:9092");
        assertThat(create.matchedOptionValue("--partitions", (Integer) null)).isEqualTo(NewsTopics.DEFAULT_PARTITIONS);
        assertThat(create.matchedOptionValue("--replication-factor", (Integer) null)).as("one broker").isEqualTo(1);
        assertThat(service("create-topics").path("depends_on").path("kafka").path("condition").asText()).isEqualTo("service_healthy");
        for (String user : List.of("connect", "classify", "ingest")) {
            assertThat(service(user).path("depends_on").path("create-topics").path("condition").asText())
                    .as(user + " waits for the topics").isEqualTo("service_completed_successfully");
        }
    }

    @Test
    void appServicesRunTheCliAgainstTheStacksServices() throws IOException {
        ParseResult classify = appCommand("classify");
        assertThat(classify.commandSpec().name()).isEqualTo("run");
        assertThat(classify.hasMatchedOption("--no-sink")).as("the sink runs in the Connect service").isTrue();
        assertThat(classify.matchedOptionValue("--bootstrap-servers", "")).isEqualTo("kafka:9092");
        assertThat(classify.matchedOptionValue("--search-url", ""))
                .as("without it `run` would start an embedded OpenSearch node").isEqualTo("http://opensearch:9200");
        assertThat(classify.matchedOptionValue("--web-host", "")).isEqualTo("0.0.0.0");
        assertThat(classify.matchedOptionValue("--metrics-host", "")).as("scraped from other containers").isEqualTo("0.0.0.0");
        int webPort = classify.matchedOptionValue("--web-port", 0);
        int metricsPort = classify.matchedOptionValue("--metrics-port", 0);
        assertThat(list(service("classify").get("ports"))).containsExactlyInAnyOrder(webPort + ":" + webPort, metricsPort + ":" + metricsPort);
        assertThat(list(service("classify").path("healthcheck").path("test")))
                .as("healthy = ready: topology RUNNING, broker and OpenSearch answering")
                .anySatisfy(part -> assertThat(part).contains("/dev/tcp/localhost/" + metricsPort).contains("GET /ready "));
        String dataDir = classify.matchedOptionValue("--data-dir", java.nio.file.Path.of("")).toString();
        assertThat(list(service("classify").get("volumes"))).contains("classify-state:" + dataDir);
        assertThat(compose.path("volumes").has("classify-state")).isTrue();

        ParseResult ingest = appCommand("ingest");
        assertThat(ingest.commandSpec().name()).isEqualTo("ingest");
        assertThat(ingest.matchedOptionValue("--bootstrap-servers", "")).isEqualTo("kafka:9092");
        List<String> paths = ingest.matchedPositionalValue(0, List.of());
        assertThat(paths).hasSize(1);
        String samples = bindMounts("ingest").get(paths.get(0));
        assertThat(samples).as("the ingested directory is mounted from the repository").isEqualTo("samples/seeds");
        try (var files = Files.list(ROOT.resolve(samples))) {
            assertThat(files.filter(file -> file.toString().endsWith(".txt")).count()).isEqualTo(5);
        }

        String dockerfile = Files.readString(ROOT.resolve("Dockerfile"), StandardCharsets.UTF_8);
        assertThat(dockerfile).as("the image's entry point is the CLI").contains(Newsroute.class.getName());
    }

    @Test
    void connectWorkerAndSinkConfigMatchWhatTheAppRuns() throws IOException {
        Properties worker = worker();
        assertThat(worker.getProperty("bootstrap.servers")).isEqualTo("kafka:9092");
        assertThat(worker.getProperty("listeners")).endsWith(":8083");
        assertThat(bindMounts("connect")).containsEntry("/opt/newsroute/connect-distributed.properties",
                "deploy/connect-distributed.properties");
        assertThat(list(service("connect").get("command"))).endsWith("/opt/newsroute/connect-distributed.properties");

        JsonNode sink = read(ROOT.resolve("deploy/opensearch-sink.json"), JSON);
        NewsTopics topics = NewsTopics.defaults();
        Map<String, String> embedded = PipelineRuntime.sinkConnectorConfig(topics.enriched().name(), topics.dlq().name(),
                "http://opensearch:9200", "", "");
        assertThat(sink.get("topics").asText()).isEqualTo(topics.enriched().name());
        assertThat(sink.get("errors.deadletterqueue.topic.name").asText()).isEqualTo(topics.dlq().name());
        assertThat(sink.get("opensearch.url").asText()).isEqualTo("http://opensearch:9200");
        sink.fieldNames().forEachRemaining(key -> {
            if (!key.equals("tasks.max") && !key.equals("errors.deadletterqueue.topic.replication.factor")) {
                assertThat(sink.get(key).asText()).as(key).isEqualTo(embedded.get(key));
            }
        });
    }

    @Test
    void connectMountsThePluginDirectoryTheSinkModuleBuildsIntoItsPluginPath() throws Exception {
        Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(ROOT.resolve("sink/pom.xml").toFile());
        NodeList executions = pom.getElementsByTagName("execution");
        String pluginDir = null;
        for (int i = 0; i < executions.getLength(); i++) {
            Element execution = (Element) executions.item(i);
            if (execution.getElementsByTagName("id").item(0).getTextContent().equals("connect-plugin")) {
                pluginDir = execution.getElementsByTagName("outputDirectory").item(0).getTextContent().trim();
            }
        }
        assertThat(pluginDir).as("sink/pom.xml execution connect-plugin").isEqualTo("${project.build.directory}/plugin");

        String pluginPath = worker().getProperty("plugin.path");
        Map<String, String> mounts = bindMounts("connect");
        String target = mounts.entrySet().stream().filter(mount -> mount.getValue().equals("sink/target/plugin"))
                .map(Map.Entry::getKey).findFirst().orElseThrow(() -> new AssertionError("connect does not mount sink/target/plugin: " + mounts));
        assertThat(Path.of(target).getParent()).as("one plugin directory inside plugin.path").isEqualTo(Path.of(pluginPath));
        assertThat(list(service("connect").get("volumes"))).contains("./sink/target/plugin:" + target + ":ro");
    }

    @Test
    void registerConnectorPutsTheCheckedConfigToTheWorker() throws IOException {
        List<String> curl = list(service("register-connector").get("command"));
        assertThat(curl).containsSubsequence("-X", "PUT").containsSubsequence("-H", "Content-Type: application/json");
        String data = curl.get(curl.indexOf("--data") + 1);
        assertThat(data).startsWith("@");
        assertThat(bindMounts("register-connector")).containsEntry(data.substring(1), "deploy/opensearch-sink.json");

        URI url = URI.create(curl.get(curl.size() - 1));
        int workerPort = URI.create(worker().getProperty("listeners").replace("0.0.0.0", "connect")).getPort();
        assertThat(url.getHost()).isEqualTo("connect");
        assertThat(url.getPort()).isEqualTo(workerPort);
        assertThat(url.getPath()).matches("/connectors/[a-z0-9-]+/config");
        assertThat(service("register-connector").path("depends_on").path("connect").path("condition").asText()).isEqualTo("service_healthy");
    }

    @Test
    void dashboardsAreImportedThroughTheSavedObjectsApi() {
        List<String> curl = list(service("import-dashboards").get("command"));
        assertThat(curl).containsSubsequence("-X", "POST").containsSubsequence("-H", "osd-xsrf: true");
        String form = curl.get(curl.indexOf("--form") + 1);
        assertThat(form).startsWith("file=@");
        assertThat(bindMounts("import-dashboards")).containsEntry(form.substring("file=@".length()), "deploy/dashboards/newsroute.ndjson");
        URI url = URI.create(curl.get(curl.size() - 1));
        assertThat(url.getHost()).isEqualTo("dashboards");
        assertThat(list(service("dashboards").get("ports"))).containsExactly(url.getPort() + ":" + url.getPort());
        assertThat(url.getPath()).isEqualTo("/api/saved_objects/_import");
        assertThat(url.getQuery()).isEqualTo("overwrite=true");
        assertThat(service("dashboards").path("environment").path("OPENSEARCH_HOSTS").asText()).contains("http://opensearch:9200");
    }

    @Test
    void theSavedDashboardCountsLabelsAndLanguagesOverTimeOnFieldsTheIndexHas() throws IOException {
        Map<String, JsonNode> objects = new LinkedHashMap<>();
        for (String line : Files.readAllLines(ROOT.resolve("deploy/dashboards/newsroute.ndjson"), StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                JsonNode object = JSON.readTree(line);
                objects.put(object.get("type").asText() + "/" + object.get("id").asText(), object);
            }
        }
        JsonNode properties = mapping().get("properties");
        JsonNode sink = read(ROOT.resolve("deploy/opensearch-sink.json"), JSON);
        String alias = sink.path(OpenSearchSinkConfig.INDEX_ALIAS).asText(
                OpenSearchSinkConfig.CONFIG.defaultValues().get(OpenSearchSinkConfig.INDEX_ALIAS).toString());

        List<JsonNode> patterns = objects.values().stream().filter(o -> o.get("type").asText().equals("index-pattern")).toList();
        assertThat(patterns).hasSize(1);
        JsonNode pattern = patterns.get(0);
        assertThat(pattern.at("/attributes/title").asText()).as("the index pattern is the sink's alias").isEqualTo(alias);
        String timeField = pattern.at("/attributes/timeFieldName").asText();
        assertThat(properties.path(timeField).path("type").asText()).as("time field " + timeField).isEqualTo("date");

        Map<String, String> termsFieldByVisualization = new HashMap<>();
        for (JsonNode object : objects.values()) {
            if (!object.get("type").asText().equals("visualization")) {
                continue;
            }
            String id = object.get("id").asText();
            assertThat(object.get("references")).as(id).anySatisfy(ref -> {
                assertThat(ref.get("type").asText()).isEqualTo("index-pattern");
                assertThat(ref.get("id").asText()).isEqualTo(pattern.get("id").asText());
            });
            JsonNode search = JSON.readTree(object.at("/attributes/kibanaSavedObjectMeta/searchSourceJSON").asText());
            assertThat(object.get("references")).extracting(ref -> ref.get("name").asText()).contains(search.get("indexRefName").asText());
            JsonNode state = JSON.readTree(object.at("/attributes/visState").asText());
            Map<String, JsonNode> aggs = new HashMap<>();
            state.get("aggs").forEach(agg -> aggs.put(agg.get("type").asText(), agg));
            assertThat(aggs).as(id).containsKeys("count", "date_histogram", "terms");
            assertThat(aggs.get("date_histogram").at("/params/field").asText()).as(id).isEqualTo(timeField);
            String terms = aggs.get("terms").at("/params/field").asText();
            assertThat(properties.path(terms).path("type").asText()).as(id + " splits by keyword field " + terms).isEqualTo("keyword");
            termsFieldByVisualization.put(id, terms);
        }
        assertThat(termsFieldByVisualization.values()).containsExactlyInAnyOrder("labels", "language");

        List<JsonNode> dashboards = objects.values().stream().filter(o -> o.get("type").asText().equals("dashboard")).toList();
        assertThat(dashboards).hasSize(1);
        JsonNode dashboard = dashboards.get(0);
        Map<String, String> references = new HashMap<>();
        dashboard.get("references").forEach(ref -> {
            assertThat(objects).as("dashboard reference").containsKey(ref.get("type").asText() + "/" + ref.get("id").asText());
            references.put(ref.get("name").asText(), ref.get("id").asText());
        });
        List<String> panels = new ArrayList<>();
        for (JsonNode panel : JSON.readTree(dashboard.at("/attributes/panelsJSON").asText())) {
            panels.add(references.get(panel.get("panelRefName").asText()));
            assertThat(panel.get("version").asText()).isEqualTo(org.opensearch.Version.CURRENT.toString());
        }
        assertThat(panels).containsExactlyInAnyOrderElementsOf(termsFieldByVisualization.keySet());
    }

    private static Properties worker() throws IOException {
        Properties worker = new Properties();
        try (var in = Files.newBufferedReader(ROOT.resolve("deploy/connect-distributed.properties"))) {
            worker.load(in);
        }
        return worker;
    }

    private static JsonNode mapping() {
        try (InputStream in = OpenSearchSinkConfig.class.getResourceAsStream("news-mapping.json")) {
            assertThat(in).as("the sink's index mapping on the classpath").isNotNull();
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
