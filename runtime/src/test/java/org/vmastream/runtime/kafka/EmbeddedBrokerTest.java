package org.vmastream.runtime.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("integration")
class EmbeddedBrokerTest {
    @TempDir
    Path dir;

    @Test
    void takesBrokerSettingsThatWinOverItsDefaults() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(
                dir,
                true,
                Map.of("num.io.threads", "2", "log.cleaner.dedupe.buffer.size", Integer.toString(3 << 20)))) {
            KafkaConnection connection = new KafkaConnection(broker.bootstrapServers(), Map.of());
            try (Admin admin = Admin.create(connection.clientProperties(Map.of()))) {
                ConfigResource node = new ConfigResource(ConfigResource.Type.BROKER, "1");
                var config = admin.describeConfigs(Set.of(node)).all().get().get(node);
                assertThat(config.get("num.io.threads").value()).isEqualTo("2");
                assertThat(config.get("log.cleaner.dedupe.buffer.size").value()).isEqualTo(Integer.toString(3 << 20));
            }
        }
    }

    @Test
    void createsTheProjectTopicsAndCarriesRecords() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(dir, true)) {
            KafkaConnection connection = new KafkaConnection(broker.bootstrapServers(), Map.of());
            TopicNames topics = TopicNames.prefixed("t.", 3);
            TopicCreator.ensure(connection, topics);
            TopicCreator.ensure(connection, topics);
            try (Admin admin = Admin.create(connection.clientProperties(Map.of()))) {
                assertThat(admin.listTopics().names().get())
                        .contains(
                                topics.exemplars(),
                                topics.events(),
                                topics.scores(),
                                topics.models(),
                                topics.deadLetters());
                assertThat(admin.describeTopics(Set.of(topics.events()))
                                .allTopicNames()
                                .get()
                                .get(topics.events())
                                .partitions())
                        .hasSize(3);
                ConfigResource models = new ConfigResource(ConfigResource.Type.TOPIC, topics.models());
                ConfigEntry policy = admin.describeConfigs(Set.of(models))
                        .all()
                        .get()
                        .get(models)
                        .get("cleanup.policy");
                assertThat(policy.value()).isEqualTo("compact");
            }
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                    connection.clientProperties(Map.of()), new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>(topics.scores(), "k", "hello"))
                        .get();
            }
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                    connection.clientProperties(Map.of("group.id", "g", "auto.offset.reset", "earliest")),
                    new StringDeserializer(),
                    new StringDeserializer())) {
                consumer.subscribe(List.of(topics.scores()));
                List<String> seen = new ArrayList<>();
                long deadline = System.currentTimeMillis() + 30_000;
                while (seen.isEmpty() && System.currentTimeMillis() < deadline) {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                        seen.add(record.value());
                    }
                }
                assertThat(seen).containsExactly("hello");
            }
        }
    }

    @Test
    void refusesSetKeyedTopicsWithAnotherPartitionCountThanConfigured() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(dir, true)) {
            KafkaConnection connection = new KafkaConnection(broker.bootstrapServers(), Map.of());
            TopicNames topics = TopicNames.prefixed("p.", 2);
            try (Admin admin = Admin.create(connection.clientProperties(Map.of()))) {
                admin.createTopics(List.of(new NewTopic(topics.events(), 5, (short) 1)))
                        .all()
                        .get();
            }
            assertThatThrownBy(() -> TopicCreator.ensure(connection, topics))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(topics.events() + " has 5")
                    .hasMessageContaining("topics.partitions = 2");
        }
    }

    @Test
    void restartsOnItsOldAddressWithItsData() throws Exception {
        String first;
        try (EmbeddedBroker broker = EmbeddedBroker.start(dir, true)) {
            first = broker.bootstrapServers();
            KafkaConnection connection = new KafkaConnection(first, Map.of());
            TopicCreator.ensure(connection, TopicNames.prefixed("r.", 1));
        }
        try (EmbeddedBroker again = EmbeddedBroker.start(dir, false)) {
            assertThat(again.bootstrapServers()).isEqualTo(first);
            KafkaConnection connection = new KafkaConnection(again.bootstrapServers(), Map.of());
            try (Admin admin = Admin.create(connection.clientProperties(Map.of()))) {
                assertThat(admin.listTopics().names().get())
                        .contains(TopicNames.prefixed("r.", 1).events());
            }
        }
    }
}
