package io.newsroute.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/** --kafka-config reaches every Kafka client of run/ingest/replay, including a Connect worker's task clients. */
class KafkaClientConfigTest {

    @Test
    void everySubcommandThatTalksToKafkaAcceptsAClientConfigFile(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("password");
        Files.writeString(secret, "s3cret\n");
        Path file = dir.resolve("client.properties");
        Files.writeString(file, "security.protocol=SASL_SSL\nsasl.mechanism=SCRAM-SHA-512\n"
                + "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username=\"u\" password=\"${file:"
                + secret + "}\";\n");
        for (Object command : new Object[] {new RunCommand(), new IngestCommand(), new ReplayCommand()}) {
            CommandLine cli = new CommandLine(command);
            cli.parseArgs(argsFor(command, file));
            ConnectionOptions connection = connectionOf(command);
            Map<String, Object> client = configOf(command).load(connection.flags(), connection.kafkaConfig).kafkaClient();
            assertThat(client).as(command.getClass().getSimpleName())
                    .containsEntry("security.protocol", "SASL_SSL")
                    .containsEntry("sasl.mechanism", "SCRAM-SHA-512");
            assertThat((String) client.get("sasl.jaas.config")).contains("password=\"s3cret\"");
        }
    }

    @Test
    void withoutAFileThereAreNoExtraSettings() {
        ConnectionOptions connection = new ConnectionOptions();
        assertThat(new ConfigOptions().load(connection.flags(), connection.kafkaConfig).kafkaClient()).isEmpty();
    }

    @Test
    void connectWorkerGetsTheSettingsForItsOwnAndItsTasksClients() {
        Map<String, String> worker = PipelineRuntime.connectWorkerClientConfig(Map.of("security.protocol", "SASL_SSL"));
        assertThat(worker).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("consumer.security.protocol", "SASL_SSL")
                .containsEntry("producer.security.protocol", "SASL_SSL")
                .containsEntry("admin.security.protocol", "SASL_SSL")
                .hasSize(4);
    }

    private static String[] argsFor(Object command, Path file) {
        if (command instanceof IngestCommand) {
            return new String[] {"--kafka-config", file.toString(), "articles.jsonl"};
        }
        if (command instanceof ReplayCommand) {
            return new String[] {"--kafka-config", file.toString(), "--from", "beginning"};
        }
        return new String[] {"--kafka-config", file.toString()};
    }

    private static ConfigOptions configOf(Object command) {
        if (command instanceof RunCommand run) {
            return run.config;
        }
        if (command instanceof IngestCommand ingest) {
            return ingest.config;
        }
        return ((ReplayCommand) command).config;
    }

    private static ConnectionOptions connectionOf(Object command) {
        if (command instanceof RunCommand run) {
            return run.connection;
        }
        if (command instanceof IngestCommand ingest) {
            return ingest.connection;
        }
        return ((ReplayCommand) command).connection;
    }
}
