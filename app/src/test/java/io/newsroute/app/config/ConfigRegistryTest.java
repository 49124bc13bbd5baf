package io.newsroute.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.api.Test;

class ConfigRegistryTest {

    @Test
    void everyKeyIsDocumented() {
        List<String> undocumented = new ArrayList<>();
        List<ConfigRegistry.Component> all = new ArrayList<>(ConfigRegistry.COMPONENTS);
        all.addAll(ConfigRegistry.CONNECT_ONLY);
        for (ConfigRegistry.Component component : all) {
            for (ConfigDef.ConfigKey key : component.definition().configKeys().values()) {
                if (key.documentation == null || key.documentation.strip().length() < 20) {
                    undocumented.add(component.name() + ": " + key.name);
                }
            }
            assertThat(component.description()).as(component.name()).isNotBlank();
        }
        assertThat(undocumented).as("keys without documentation (at least a sentence)").isEmpty();
    }

    @Test
    void noKeyIsDefinedTwiceAndEveryEnvironmentVariableIsUnique() {
        Map<String, String> owner = new HashMap<>();
        Map<String, String> envOwner = new HashMap<>();
        for (ConfigRegistry.Component component : ConfigRegistry.COMPONENTS) {
            for (String key : component.definition().names()) {
                assertThat(owner.put(key, component.name())).as("%s is defined by two components", key).isNull();
                assertThat(envOwner.put(ConfigRegistry.envName(key), key)).as("two keys map to %s", ConfigRegistry.envName(key)).isNull();
            }
        }
        ConfigRegistry.ENV_ALIASES.forEach((key, alias) -> {
            assertThat(owner).as("alias of an unknown key").containsKey(key);
            assertThat(envOwner).as("alias %s shadows a generated name", alias).doesNotContainKey(alias);
        });
        assertThat(owner).as("flags of unknown keys").containsKeys(ConfigRegistry.FLAGS.keySet().toArray(String[]::new));
    }

    @Test
    void keysAreNamespacedByTheirComponent() {
        for (ConfigRegistry.Component component : ConfigRegistry.COMPONENTS) {
            for (String key : component.definition().names()) {
                assertThat(key).as("key of %s", component.name()).matches("[a-z][a-z0-9]*(\\.[a-z0-9-]+)+");
            }
        }
    }

    /**
     * Every public static ConfigDef of a Newsroute class is in the registry: a component added without
     * registering it would be missing from the loader (its keys rejected as unknown) and from the reference.
     */
    @Test
    void everyConfigDefOfTheProjectIsRegistered() throws Exception {
        Set<ConfigDef> registered = Collections.newSetFromMap(new IdentityHashMap<>());
        ConfigRegistry.COMPONENTS.forEach(c -> registered.add(c.definition()));
        ConfigRegistry.CONNECT_ONLY.forEach(c -> registered.add(c.definition()));
        List<String> found = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String className : newsrouteConfigClasses()) {
            Class<?> type = Class.forName(className, false, getClass().getClassLoader());
            for (Field field : type.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) && Modifier.isPublic(field.getModifiers())
                        && ConfigDef.class.isAssignableFrom(field.getType())) {
                    found.add(className + "." + field.getName());
                    if (!registered.contains((ConfigDef) field.get(null))) {
                        missing.add(className + "." + field.getName());
                    }
                }
            }
        }
        assertThat(found).as("the scan finds the known definitions")
                .contains("io.newsroute.classify.ClassifyConfig.CONFIG", "io.newsroute.sink.OpenSearchSinkConfig.CONFIG");
        assertThat(missing).as("ConfigDefs missing from ConfigRegistry.COMPONENTS").isEmpty();
    }

    /** Classes named *Config in io.newsroute, from the class path's directories and jars. */
    private static List<String> newsrouteConfigClasses() throws IOException {
        List<String> names = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path path = Path.of(entry);
            if (Files.isDirectory(path.resolve("io/newsroute"))) {
                try (Stream<Path> files = Files.walk(path.resolve("io/newsroute"))) {
                    files.map(f -> path.relativize(f).toString().replace(java.io.File.separatorChar, '/')).forEach(f -> addIfConfig(f, names));
                }
            } else if (entry.endsWith(".jar") && path.getFileName().toString().startsWith("newsroute-") && Files.isRegularFile(path)) {
                try (JarFile jar = new JarFile(path.toFile())) {
                    jar.stream().forEach(e -> addIfConfig(e.getName(), names));
                }
            }
        }
        return names;
    }

    private static void addIfConfig(String file, List<String> names) {
        if (file.startsWith("io/newsroute/") && file.endsWith("Config.class") && !file.contains("$")) {
            names.add(file.substring(0, file.length() - ".class".length()).replace('/', '.'));
        }
    }
}
