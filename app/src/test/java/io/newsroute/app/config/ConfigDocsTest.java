package io.newsroute.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class ConfigDocsTest {
    /** Surefire runs in the module directory. */
    private static final Path REFERENCE = Path.of("..").resolve(NewsrouteConfig.REFERENCE);

    @Test
    void committedReferenceIsWhatTheGeneratorProducesNow() throws Exception {
        assertThat(REFERENCE).exists();
        String committed = Files.readString(REFERENCE, StandardCharsets.UTF_8);
        assertThat(committed)
                .as("docs/configuration.md is stale; regenerate it with: " + ConfigDocs.REGENERATE)
                .isEqualTo(ConfigDocs.render());
    }

    @Test
    void referenceNamesTheRegenerationCommandAtTheTop() {
        String head = ConfigDocs.render().lines().limit(5).reduce("", (a, b) -> a + b + "\n");
        assertThat(head).contains(ConfigDocs.REGENERATE);
    }

    @Test
    void referenceShowsEveryKeyWithItsEnvironmentVariable() {
        String rendered = ConfigDocs.render();
        ConfigRegistry.keys().forEach((name, key) -> assertThat(rendered)
                .contains("### " + name + "\n")
                .contains("`" + ConfigRegistry.envName(name) + "`")
                .contains(key.documentation.strip()));
    }
}
