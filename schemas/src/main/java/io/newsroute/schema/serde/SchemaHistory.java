package io.newsroute.schema.serde;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.apache.avro.Schema;

/**
 * The released versions of one record schema, shipped in this jar as
 * {@code io/newsroute/schema/history/<Name>-v<N>.avsc} with {@code N} counting up from 1 without gaps.
 * The newest file is a copy of the current schema (see {@code docs/schemas.md}); the older ones are
 * what records already sitting in topics may have been written with.
 */
public final class SchemaHistory {
    /** Class-path folder of the released schemas. */
    public static final String FOLDER = "/io/newsroute/schema/history/";

    private SchemaHistory() {
    }

    /** Every released version of the record named {@code name} (simple name), oldest first; empty if none. */
    public static List<Schema> load(String name) {
        List<Schema> schemas = new ArrayList<>();
        for (int version = 1; ; version++) {
            String resource = resource(name, version);
            try (InputStream in = SchemaHistory.class.getResourceAsStream(resource)) {
                if (in == null) {
                    return Collections.unmodifiableList(schemas);
                }
                schemas.add(new Schema.Parser().parse(in));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + resource, e);
            }
        }
    }

    /** The class-path resource of version {@code version} of {@code name}. */
    public static String resource(String name, int version) {
        return FOLDER + name + "-v" + version + ".avsc";
    }
}
