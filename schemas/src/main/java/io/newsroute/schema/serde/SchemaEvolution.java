package io.newsroute.schema.serde;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;
import org.apache.avro.SchemaNormalization;

/**
 * The schema upgrade rule of this project, checked by a unit test in every build: the current schema of a
 * record must be <em>backward</em> compatible (it reads data written with every released version) and
 * <em>forward</em> compatible (every released version reads data written with it) with each released
 * version in {@link SchemaHistory}, by Avro's schema-resolution rules
 * ({@link SchemaCompatibility#checkReaderWriterCompatibility}). The newest released version must equal the
 * current schema (docs aside), so a schema change always comes with its history file. {@code docs/schemas.md} explains
 * the upgrade path.
 */
public final class SchemaEvolution {
    /** Where the history files live in the source tree (the messages tell a developer what to do). */
    private static final String SOURCE_FOLDER = "schemas/src/main/resources";

    private SchemaEvolution() {
    }

    /**
     * Checks {@code current} against its released versions.
     *
     * @param current  the schema the build generates classes from
     * @param released the released versions, oldest first ({@link SchemaHistory#load})
     * @return one readable line per problem (which version, which direction, where and why); empty when the
     *     current schema may ship
     */
    public static List<String> problems(Schema current, List<Schema> released) {
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(released, "released");
        String name = current.getName();
        List<String> problems = new ArrayList<>();
        if (released.isEmpty()) {
            problems.add(name + ": no released version in " + SchemaHistory.FOLDER + "; copy the schema to " + SOURCE_FOLDER
                    + SchemaHistory.resource(name, 1));
            return problems;
        }
        for (int i = 0; i < released.size(); i++) {
            Schema old = released.get(i);
            String version = name + " v" + (i + 1);
            if (!old.getFullName().equals(current.getFullName())) {
                problems.add(version + " is named " + old.getFullName() + ", the current schema " + current.getFullName()
                        + " (a rename breaks single-object decoding; use aliases on a new record instead)");
                continue;
            }
            describe(problems, version, "backward", "the current schema cannot read records written with " + version,
                    SchemaCompatibility.checkReaderWriterCompatibility(current, old));
            describe(problems, version, "forward", "readers still on " + version + " cannot read records written with the current schema",
                    SchemaCompatibility.checkReaderWriterCompatibility(old, current));
        }
        Schema newest = released.get(released.size() - 1);
        if (!sameSchema(newest, current)) {
            problems.add(name + ": the current schema differs from the newest released version v" + released.size()
                    + "; if the change is compatible, copy the schema to " + SOURCE_FOLDER + SchemaHistory.resource(name, released.size() + 1));
        }
        return problems;
    }

    /**
     * Same types, names and field defaults; docs and Java-specific properties (such as the
     * {@code avro.java.string} that generated classes carry) do not count.
     */
    static boolean sameSchema(Schema a, Schema b) {
        return SchemaNormalization.toParsingForm(a).equals(SchemaNormalization.toParsingForm(b))
                && sameDefaults(a, b, new HashSet<>());
    }

    /** Walks two schemas of the same parsing form and compares every field default. */
    private static boolean sameDefaults(Schema a, Schema b, Set<String> seen) {
        switch (a.getType()) {
            case RECORD:
                if (!seen.add(a.getFullName())) {
                    return true;
                }
                for (Schema.Field field : a.getFields()) {
                    Schema.Field other = b.getField(field.name());
                    if (field.hasDefaultValue() != other.hasDefaultValue()
                            || !Objects.equals(field.defaultVal(), other.defaultVal())
                            || !sameDefaults(field.schema(), other.schema(), seen)) {
                        return false;
                    }
                }
                return true;
            case UNION:
                for (int i = 0; i < a.getTypes().size(); i++) {
                    if (!sameDefaults(a.getTypes().get(i), b.getTypes().get(i), seen)) {
                        return false;
                    }
                }
                return true;
            case ARRAY:
                return sameDefaults(a.getElementType(), b.getElementType(), seen);
            case MAP:
                return sameDefaults(a.getValueType(), b.getValueType(), seen);
            default:
                return true;
        }
    }

    private static void describe(List<String> problems, String version, String direction, String meaning,
                                 SchemaPairCompatibility result) {
        if (result.getType() == SchemaCompatibilityType.COMPATIBLE) {
            return;
        }
        for (Incompatibility incompatibility : result.getResult().getIncompatibilities()) {
            problems.add(version + " " + direction + ": " + meaning + ": " + incompatibility.getType() + " at "
                    + incompatibility.getLocation() + " (" + incompatibility.getMessage() + ")");
        }
    }
}
