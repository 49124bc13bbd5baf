package io.newsroute.schema.serde;

import org.apache.avro.util.ClassSecurityValidator;

/**
 * Avro 1.12 refuses to load classes it does not trust while resolving schemas and record
 * defaults (a guard against gadget classes named in untrusted schemas). This trusts exactly our
 * generated record package, on top of whatever the process already trusts.
 *
 * <p>{@link AvroCodec} installs it; code that builds records with defaulted fields before any
 * codec exists (a builder in a unit test, the offline classifier) calls {@link #install()} first.
 */
public final class AvroTrust {
    private static final String RECORD_PACKAGE = "io.newsroute.schema";
    private static boolean installed;

    private AvroTrust() {
    }

    public static synchronized void install() {
        if (installed) {
            return;
        }
        ClassSecurityValidator.ClassSecurityPredicate ours = c -> RECORD_PACKAGE.equals(c.getPackageName());
        ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(ClassSecurityValidator.getGlobal(), ours));
        installed = true;
    }
}
