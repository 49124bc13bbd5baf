package io.newsroute.schema.serde;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The build's schema gate: every current {@code .avsc} must be backward- and forward-compatible with each
 * of its released versions in {@code history/}, and the newest released version must be the current schema.
 * The second half shows the gate rejects what it must (deliberately broken schemas).
 */
class SchemaCompatibilityTest {

    private static final Path SOURCES = Path.of("src/main/avro/io/newsroute/schema");

    static Stream<Schema> currentSchemas() throws IOException {
        List<Schema> schemas = new ArrayList<>();
        try (Stream<Path> files = Files.list(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".avsc")).sorted().toList()) {
                schemas.add(new Schema.Parser().parse(file.toFile()));
            }
        }
        return schemas.stream();
    }

    @Test
    void everySchemaSourceIsChecked() throws IOException {
        assertThat(currentSchemas().map(Schema::getName)).containsExactlyInAnyOrder("DeadLetter", "EnrichedArticle", "RawArticle");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("currentSchemas")
    void currentSchemaIsCompatibleWithEveryReleasedVersion(Schema current) {
        List<Schema> released = SchemaHistory.load(current.getName());

        assertThat(released).as("released versions of " + current.getName()).isNotEmpty();
        assertThat(SchemaEvolution.problems(current, released)).as(current.getName()).isEmpty();
    }

    @Test
    void theCodecsReadEveryReleasedVersion() {
        assertThat(NewsSerdes.rawCodec().history()).hasSize(2);
        assertThat(NewsSerdes.enrichedCodec().history()).hasSize(2);
        assertThat(NewsSerdes.deadLetterCodec().history()).hasSize(1);
        assertThat(SchemaEvolution.sameSchema(NewsSerdes.enrichedCodec().history().get(1), NewsSerdes.enrichedCodec().schema()))
                .as("newest released EnrichedArticle is the generated class's schema").isTrue();
    }

    // --- the gate fails when it must ---------------------------------------------------------------------

    private static Schema enriched() {
        return NewsSerdes.enrichedCodec().schema();
    }

    private static List<Schema> enrichedHistory() {
        return SchemaHistory.load("EnrichedArticle");
    }

    /** The current EnrichedArticle JSON with one edit, parsed. */
    private static Schema edited(String from, String to) {
        String json = enriched().toString(true);
        assertThat(json).as("edit anchor").contains(from);
        return new Schema.Parser().parse(json.replace(from, to));
    }

    @Test
    void aNewRequiredFieldWithoutDefaultBreaksBackwardCompatibility() {
        Schema broken = edited("{\n    \"name\" : \"modelVersion\",",
                "{\"name\": \"tenant\", \"type\": \"string\"},\n  {\n    \"name\" : \"modelVersion\",");

        List<String> problems = SchemaEvolution.problems(broken, enrichedHistory());

        assertThat(problems).anySatisfy(p -> assertThat(p)
                .startsWith("EnrichedArticle v1 backward").contains("READER_FIELD_MISSING_DEFAULT_VALUE").contains("tenant"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("EnrichedArticle v2 backward").contains("tenant"));
        assertThat(problems).noneMatch(p -> p.contains("forward"));
    }

    @Test
    void removingARequiredFieldBreaksForwardCompatibility() {
        Schema current = enriched();
        List<Schema.Field> fields = current.getFields().stream()
                .filter(f -> !f.name().equals("pipelineVersion"))
                .map(f -> new Schema.Field(f, f.schema()))
                .toList();
        Schema broken = Schema.createRecord(current.getName(), current.getDoc(), current.getNamespace(), false, fields);

        List<String> problems = SchemaEvolution.problems(broken, enrichedHistory());

        assertThat(problems).anySatisfy(p -> assertThat(p)
                .startsWith("EnrichedArticle v2 forward").contains("readers still on EnrichedArticle v2")
                .contains("READER_FIELD_MISSING_DEFAULT_VALUE").contains("pipelineVersion"));
        assertThat(problems).noneMatch(p -> p.contains("backward"));
    }

    @Test
    void changingAFieldTypeBreaksBothDirections() {
        Schema broken = edited("\"name\" : \"version\",\n    \"type\" : \"long\"", "\"name\" : \"version\",\n    \"type\" : \"string\"");

        List<String> problems = SchemaEvolution.problems(broken, enrichedHistory());

        assertThat(problems).anySatisfy(p -> assertThat(p).contains("v1 backward").contains("TYPE_MISMATCH").contains("/fields/"));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("v1 forward").contains("TYPE_MISMATCH"));
    }

    @Test
    void aCompatibleChangeStillNeedsItsHistoryFile() {
        Schema added = edited("{\n    \"name\" : \"modelVersion\",",
                "{\"name\": \"tenant\", \"type\": [\"null\", \"string\"], \"default\": null},\n  {\n    \"name\" : \"modelVersion\",");

        List<String> problems = SchemaEvolution.problems(added, enrichedHistory());

        assertThat(problems).singleElement().asString()
                .contains("differs from the newest released version v2")
                .contains("/io/newsroute/schema/history/EnrichedArticle-v3.avsc");
        List<Schema> released = new ArrayList<>(enrichedHistory());
        released.add(added);
        assertThat(SchemaEvolution.problems(added, released)).as("with its history file").isEmpty();
    }

    @Test
    void aChangedDefaultOrDocIsToldApart() {
        Schema changedDefault = edited("\"default\" : 0.0", "\"default\" : 1.0");
        Schema changedDoc = edited("Normalised title.", "The normalised title.");

        assertThat(SchemaEvolution.sameSchema(changedDefault, enriched())).as("a new default is a new version").isFalse();
        assertThat(SchemaEvolution.sameSchema(changedDoc, enriched())).as("docs do not count").isTrue();
        assertThat(SchemaEvolution.problems(changedDefault, enrichedHistory())).singleElement().asString().contains("EnrichedArticle-v3.avsc");
    }

    @Test
    void aSchemaWithoutReleasedVersionOrRenamedIsRejected() {
        Schema fresh = SchemaBuilder.record("Story").namespace("io.newsroute.schema").fields().requiredString("id").endRecord();
        assertThat(SchemaEvolution.problems(fresh, List.of())).singleElement().asString()
                .contains("no released version").contains("Story-v1.avsc");

        Schema renamed = SchemaBuilder.record("Article").namespace("io.newsroute.schema").fields().requiredString("id").endRecord();
        assertThat(SchemaEvolution.problems(renamed, List.of(fresh))).anySatisfy(p -> assertThat(p).contains("rename"));
    }
}
