package io.newsroute.testsupport;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ExtensionLifecycleTest {

    @Test
    void accessBeforeStartExplainsHowToRegister() {
        assertThatThrownBy(() -> new KafkaExtension().bootstrapServers())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("@RegisterExtension");
        assertThatThrownBy(() -> new OpenSearchExtension().httpUrl())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("@RegisterExtension");
    }
}
