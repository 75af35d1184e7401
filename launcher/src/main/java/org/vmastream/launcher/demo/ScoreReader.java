package org.vmastream.launcher.demo;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.vmastream.runtime.kafka.KafkaConnection;
import org.vmastream.schemas.Score;
import org.vmastream.schemas.serde.AvroDeserializer;

/**
 * Reads the score topic back like any downstream consumer would (committed records only) and feeds
 * a {@link ScoreTally}, so the demo's summary shows what actually reached the topic.
 */
final class ScoreReader implements Runnable, AutoCloseable {
    private final KafkaConsumer<String, byte[]> consumer;
    private final String topic;
    private final ScoreTally tally;
    private final AvroDeserializer<Score> decoder = new AvroDeserializer<>(Score.class);
    private final AtomicBoolean running = new AtomicBoolean(true);

    ScoreReader(KafkaConnection connection, String topic, ScoreTally tally) {
        this.topic = topic;
        this.tally = tally;
        this.consumer = new KafkaConsumer<>(
                connection.clientProperties(Map.of(
                        ConsumerConfig.GROUP_ID_CONFIG, "vma-demo-summary-" + System.currentTimeMillis(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")),
                new StringDeserializer(),
                new ByteArrayDeserializer());
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(List.of(topic));
            while (running.get()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(250))) {
                    tally.add(decoder.deserialize(topic, record.value()));
                }
            }
        } catch (WakeupException e) {
            if (running.get()) {
                throw e;
            }
        } finally {
            consumer.close();
        }
    }

    ScoreTally tally() {
        return tally;
    }

    @Override
    public void close() {
        running.set(false);
        consumer.wakeup();
    }
}
