package io.newsroute.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Properties;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ServiceModeTest {

    @Test
    void withoutThePropertyTheFixturesAreEmbedded() {
        assertThat(ServiceMode.from(new Properties())).isEqualTo(ServiceMode.EMBEDDED);
        assertThat(ServiceMode.parse(null)).isEqualTo(ServiceMode.EMBEDDED);
    }

    @ParameterizedTest
    @CsvSource({"true, CONTAINERS", "TRUE, CONTAINERS", "' true ', CONTAINERS", "'', CONTAINERS",
            "false, EMBEDDED", "False, EMBEDDED"})
    void thePropertySelectsTheMode(String value, ServiceMode expected) {
        Properties properties = new Properties();
        properties.setProperty("it.containers", value);
        assertThat(ServiceMode.from(properties)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"yes", "1", "docker", "embedded"})
    void anyOtherValueFailsNamingThePropertyAndTheValidValues(String value) {
        assertThatThrownBy(() -> ServiceMode.parse(value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("it.containers")
                .hasMessageContaining("true")
                .hasMessageContaining("false")
                .hasMessageContaining("'" + value + "'");
    }

    @Test
    void theExtensionsTakeTheModeOfThisJvm() {
        ServiceMode jvm = ServiceMode.current();
        assertThat(new KafkaExtension().mode()).isEqualTo(jvm);
        assertThat(new OpenSearchExtension().mode()).isEqualTo(jvm);
        assertThat(jvm).isEqualTo(ServiceMode.parse(System.getProperty("it.containers")));
    }
}
