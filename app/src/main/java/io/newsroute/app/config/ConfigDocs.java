package io.newsroute.app.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.types.Password;

/**
 * Writes {@code docs/configuration.md} from the definitions in {@link ConfigRegistry}. Run by
 * {@code mvn -pl app -am process-classes -Pconfig-docs}; {@code ConfigDocsTest} fails when the
 * committed file differs from {@link #render()}.
 */
public final class ConfigDocs {
    /** The command that regenerates the reference, as written at its top. */
    public static final String REGENERATE = "mvn -q -pl app -am process-classes -Pconfig-docs";

    private ConfigDocs() {
    }

    /** @param args the file to write, default {@code docs/configuration.md} */
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : NewsrouteConfig.REFERENCE);
        Files.writeString(out, render(), StandardCharsets.UTF_8);
        System.out.println("wrote " + out.toAbsolutePath().normalize());
    }

    /** The whole reference. */
    public static String render() {
        StringBuilder md = new StringBuilder();
        md.append("# Configuration reference\n\n");
        md.append("Generated from the `ConfigDef` definitions (`ConfigRegistry`); do not edit by hand. Regenerate with\n`")
                .append(REGENERATE).append("`.\n\n");
        md.append("""
                ## Where settings come from

                `run`, `demo`, `ingest`, `classify`, `replay` and `search` read their settings from these sources; a
                higher one wins:

                1. command-line flags: the dedicated ones (`--bootstrap-servers`, `--web-port`, ...; listed per key below)
                   and `--set KEY=VALUE` for any key; the Kafka client properties of `--kafka-config FILE` count as
                   `kafka.*` flags
                2. environment variables: `NEWSROUTE_` and the key in upper case, with `.` and `-` written as `_`
                   (`classify.languages` is `NEWSROUTE_CLASSIFY_LANGUAGES`); each key below names its variable
                3. the config file: `--config FILE`, else `newsroute.properties` in the working directory when it exists.
                   Java properties, or YAML (`.yaml`, `.yml`) whose nested keys are joined with dots and lists with
                   commas. `${env:NAME}` and `${file:PATH}` in values are replaced by the environment variable or the
                   trimmed file content, so secrets stay out of the file
                4. the defaults below

                Every key in the file, in `--set` and in the environment is checked before anything starts. An unknown
                key (with a suggestion for a near miss), an invalid value (with where it came from and what is valid)
                or a `NEWSROUTE_` variable that is a near miss of a setting's variable stops the command with exit
                status 2, like a usage error. Other `NEWSROUTE_` variables (for example a secret referred to by
                `${env:...}`) are left alone.

                Every `kafka.*` key that is not listed below is a Kafka client property: it is given, without the
                prefix, to every Kafka client of `run`, `ingest` and `replay` (admin, producers, consumers, Kafka
                Streams, the in-process Connect worker and its tasks). Client properties Kafka does not know are
                passed on (plug-ins define their own), unless they are a near miss of a known one. They have no
                environment variables (only `kafka.bootstrap.servers` has one); put secrets in the file as
                `${env:NAME}` or `${file:PATH}`.

                ```properties
                # newsroute.properties
                kafka.bootstrap.servers=kafka:9092
                kafka.security.protocol=SASL_SSL
                kafka.sasl.mechanism=SCRAM-SHA-512
                kafka.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="newsroute" password="${env:NEWSROUTE_KAFKA_PASSWORD}";
                opensearch.url=https://opensearch:9200
                classify.languages=de,en,fr,nl
                ```

                """);
        for (ConfigRegistry.Component component : ConfigRegistry.COMPONENTS) {
            component(md, component, true);
        }
        for (ConfigRegistry.Component component : ConfigRegistry.CONNECT_ONLY) {
            component(md, component, false);
        }
        return md.toString();
    }

    /** One component's section; {@code commandKeys} adds the environment variable and flag lines. */
    private static void component(StringBuilder md, ConfigRegistry.Component component, boolean commandKeys) {
        md.append("## ").append(component.title()).append("\n\n");
        md.append(component.description()).append("\n\n");
        List<ConfigDef.ConfigKey> keys = component.definition().configKeys().values().stream().toList();
        md.append("| key | type | default | importance |\n|---|---|---|---|\n");
        for (ConfigDef.ConfigKey key : keys) {
            md.append("| [`").append(key.name).append("`](#").append(anchor(key.name)).append(") | ")
                    .append(type(key)).append(" | ").append(cell(defaultValue(key))).append(" | ")
                    .append(key.importance.name().toLowerCase(Locale.ROOT)).append(" |\n");
        }
        md.append('\n');
        for (ConfigDef.ConfigKey key : keys) {
            md.append("### ").append(key.name).append("\n\n");
            md.append(key.documentation.strip()).append("\n\n");
            md.append("- type: ").append(type(key)).append('\n');
            md.append("- default: ").append(defaultValue(key)).append('\n');
            md.append("- valid values: ").append(NewsrouteConfig.validValues(key)).append('\n');
            md.append("- importance: ").append(key.importance.name().toLowerCase(Locale.ROOT)).append('\n');
            if (!commandKeys) {
                md.append('\n');
                continue;
            }
            md.append("- environment: `").append(ConfigRegistry.envName(key.name)).append('`');
            String alias = ConfigRegistry.ENV_ALIASES.get(key.name);
            if (alias != null) {
                md.append(" (or `").append(alias).append("`)");
            }
            md.append('\n');
            String flag = ConfigRegistry.FLAGS.get(key.name);
            md.append("- flag: ").append(flag == null ? "" : "`" + flag + "`, ").append("`--set ").append(key.name).append("=...`\n\n");
        }
    }

    private static String type(ConfigDef.ConfigKey key) {
        return key.type.name().toLowerCase(Locale.ROOT);
    }

    private static String defaultValue(ConfigDef.ConfigKey key) {
        if (!key.hasDefault()) {
            return "none (required)";
        }
        if (key.defaultValue == null) {
            return "unset";
        }
        if (key.defaultValue instanceof Password password) {
            return password.value().isEmpty() ? "empty" : "set (hidden)";
        }
        String text = ConfigDef.convertToString(key.defaultValue, key.type);
        return text == null || text.isEmpty() ? "empty" : "`" + text + "`";
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }

    /** GitHub's heading anchor: lower case, dots dropped, other punctuation but '-' and '_' dropped. */
    private static String anchor(String heading) {
        return heading.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 _-]", "").replace(' ', '-');
    }
}
