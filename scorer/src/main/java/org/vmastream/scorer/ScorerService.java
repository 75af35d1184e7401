package org.vmastream.scorer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vmastream.memory.MemoryStoreConfig;
import org.vmastream.memory.update.MemoryUpdateListener;
import org.vmastream.runtime.kafka.KafkaConnection;
import org.vmastream.runtime.kafka.TopicNames;
import org.vmastream.runtime.settings.ParsedSettings;
import org.vmastream.runtime.settings.Settings;
import org.vmastream.schemas.serde.GeneratedRecordTrust;
import org.vmastream.schemas.topics.Topics;
import org.vmastream.scorer.batch.ScorerListener;
import org.vmastream.scorer.batch.ScoringExecutor;
import org.vmastream.scorer.metrics.ScorerMetrics;
import org.vmastream.scorer.model.ModelFollower;
import org.vmastream.scorer.model.ModelRegistry;

/**
 * One scorer instance: the streams application (memory store + scorer) and the follower of the
 * model topic. Run as many instances as there are event partitions to share.
 */
public final class ScorerService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ScorerService.class);

    private final KafkaStreams streams;
    private final ModelFollower follower;
    private final ModelRegistry registry;
    private final MemoryStoreConfig memoryConfig;
    private final ScoringExecutor executor;

    private ScorerService(
            KafkaStreams streams,
            ModelFollower follower,
            ModelRegistry registry,
            MemoryStoreConfig memoryConfig,
            ScoringExecutor executor) {
        this.streams = streams;
        this.follower = follower;
        this.registry = registry;
        this.memoryConfig = memoryConfig;
        this.executor = executor;
    }

    /**
     * Starts an instance whose meters (scores, memory use, Kafka Streams' own metrics) go to
     * {@code metrics}.
     */
    public static ScorerService start(
            Settings settings, KafkaConnection connection, TopicNames topics, MeterRegistry metrics) {
        return start(settings, connection, topics, metrics, ScorerListener.NONE);
    }

    /** As {@link #start(Settings, KafkaConnection, TopicNames, MeterRegistry)}, also telling {@code listener}. */
    public static ScorerService start(
            Settings settings,
            KafkaConnection connection,
            TopicNames topics,
            MeterRegistry metrics,
            ScorerListener listener) {
        ModelRegistry registry = new ModelRegistry();
        ScorerMetrics meters = new ScorerMetrics(metrics, registry);
        ScorerService service =
                start(settings, connection, topics, registry, meters, ScorerListener.both(meters, listener));
        new KafkaStreamsMetrics(service.streams).bindTo(metrics);
        return service;
    }

    /** Starts following models and processing; returns at once (the streams app starts in the background). */
    public static ScorerService start(
            Settings settings,
            KafkaConnection connection,
            TopicNames topics,
            MemoryUpdateListener memoryListener,
            ScorerListener scorerListener) {
        return start(settings, connection, topics, new ModelRegistry(), memoryListener, scorerListener);
    }

    private static ScorerService start(
            Settings settings,
            KafkaConnection connection,
            TopicNames topics,
            ModelRegistry registry,
            MemoryUpdateListener memoryListener,
            ScorerListener scorerListener) {
        GeneratedRecordTrust.install();
        MemoryStoreConfig memoryConfig = MemoryStoreConfig.from(settings);
        ScorerConfig scorerConfig = ScorerConfig.from(settings);
        ModelFollower follower = new ModelFollower(connection, topics.models(), scorerConfig.modelName(), registry);
        ScoringExecutor executor = ScoringExecutor.threads(scorerConfig.computeThreads());
        KafkaStreams streams = new KafkaStreams(
                ScoringTopology.build(
                        topics, memoryConfig, scorerConfig, registry, memoryListener, scorerListener, executor),
                streamsProperties(settings, connection));
        // A failed stream thread (e.g. a broker outage longer than the retries) is replaced, not left dead.
        streams.setUncaughtExceptionHandler(error -> {
            LOG.error("stream thread failed; replacing it", error);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streams.start();
        return new ScorerService(streams, follower, registry, memoryConfig, executor);
    }

    static Properties streamsProperties(Settings settings, KafkaConnection connection) {
        ParsedSettings values = settings.parse(ScorerSettings.STREAMS.definition());
        Map<String, Object> specific = new HashMap<>();
        specific.put(StreamsConfig.APPLICATION_ID_CONFIG, values.string(ScorerSettings.APPLICATION_ID));
        specific.put(StreamsConfig.STATE_DIR_CONFIG, values.string(ScorerSettings.STATE_DIR));
        specific.put(
                StreamsConfig.PROCESSING_GUARANTEE_CONFIG,
                values.string(ScorerSettings.PROCESSING_GUARANTEE).toLowerCase(Locale.ROOT));
        specific.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, values.integer(ScorerSettings.STREAM_THREADS));
        specific.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, values.longValue(ScorerSettings.COMMIT_INTERVAL_MS));
        // Kafka Streams suffixes the instance id with each stream thread's index.
        values.optional(ScorerSettings.GROUP_INSTANCE_ID)
                .ifPresent(id ->
                        specific.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), id));
        specific.put(
                StreamsConfig.mainConsumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG),
                values.integer(ScorerSettings.SESSION_TIMEOUT_MS));
        // Never hold a task back waiting for data on its other input: with the default (0) an event
        // waits for a fetch round trip on the (usually idle) exemplar partition before it is processed.
        // Events are scored against whatever memory the task holds when they are processed.
        specific.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, -1L);
        // A stream thread with nothing to poll waits at most this long before it forwards the scores of a
        // batch that finished meanwhile (the default, 100 ms, would add up to that to an event's latency).
        specific.put(StreamsConfig.POLL_MS_CONFIG, values.integer(ScorerSettings.POLL_MS));
        // Kafka 5 turns this on by default; on now, so behaviour does not change with the upgrade.
        specific.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        // Dead letters carry the original record: let them be as large as the topic allows.
        specific.put(
                StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG),
                Topics.DEAD_LETTERS_MAX_RECORD_BYTES);
        specific.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 5);
        // Pending events (changelog) and scores are written again: compress them as the producers of events do.
        specific.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
        // A batch of events becomes a burst of scores and changelog records: send them in few requests.
        specific.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), 256 << 10);
        specific.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG), 4 << 20);
        specific.put(
                StreamsConfig.consumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG),
                Math.max(
                        500, settings.parse(ScorerSettings.SCORING.definition()).integer(ScorerSettings.MAX_BATCH)));
        connection.producerSettings().forEach((key, value) -> specific.put(StreamsConfig.producerPrefix(key), value));
        Properties props = new Properties();
        props.putAll(connection.clientProperties(specific));
        return props;
    }

    /** The running streams application (state, interactive queries). */
    public KafkaStreams streams() {
        return streams;
    }

    public ModelRegistry models() {
        return registry;
    }

    public MemoryStoreConfig memoryConfig() {
        return memoryConfig;
    }

    /** Waits until the application is RUNNING; false on timeout. */
    public boolean awaitRunning(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (streams.state() != KafkaStreams.State.RUNNING) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }

    /** Waits until a model version is installed; false on timeout. */
    public boolean awaitModel(Duration timeout) throws InterruptedException {
        return follower.awaitFirstModel(timeout);
    }

    /** Stops, leaving the consumer group at once so a restarted instance need not wait out the session timeout. */
    @Override
    public void close() {
        streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(Duration.ofSeconds(30)));
        executor.close();
        follower.close();
    }
}
