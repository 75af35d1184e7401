package org.vmastream.runtime.settings;

import static org.apache.kafka.common.config.ConfigDef.Importance.HIGH;
import static org.apache.kafka.common.config.ConfigDef.Importance.LOW;
import static org.apache.kafka.common.config.ConfigDef.Importance.MEDIUM;
import static org.apache.kafka.common.config.ConfigDef.Type.BOOLEAN;
import static org.apache.kafka.common.config.ConfigDef.Type.DOUBLE;
import static org.apache.kafka.common.config.ConfigDef.Type.INT;
import static org.apache.kafka.common.config.ConfigDef.Type.STRING;

import java.util.List;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Range;

/** The settings every role shares: Kafka, topics, the HTTP endpoint and the model's name. */
public final class RuntimeSettings {
    public static final String BOOTSTRAP_SERVERS = "kafka.bootstrap.servers";
    public static final String CLIENT_DNS_LOOKUP = "kafka.client.client.dns.lookup";
    public static final String EMBEDDED_DIR = "kafka.embedded.dir";
    public static final String EMBEDDED_FRESH = "kafka.embedded.fresh";
    public static final String PARTITIONS = "topics.partitions";
    public static final String REPLICATION_FACTOR = "topics.replication.factor";
    public static final String EXEMPLARS_TOPIC = "topics.exemplars";
    public static final String EVENTS_TOPIC = "topics.events";
    public static final String SCORES_TOPIC = "topics.scores";
    public static final String MODELS_TOPIC = "topics.models";
    public static final String DEAD_LETTER_TOPIC = "topics.deadletter";
    public static final String HTTP_HOST = "http.host";
    public static final String HTTP_PORT = "http.port";
    public static final String HTTP_TOKEN = "http.token";
    public static final String HTTP_MAX_REQUEST_BYTES = "http.max.request.bytes";
    public static final String MODEL_NAME = "model.name";
    public static final String REFERENCE_SHARE = "memory.reference.share";
    public static final String MAX_VALUES = "memory.max.values";

    /** Kafka, topics and the model's name. */
    public static final SettingsSection KAFKA = new SettingsSection(
            "Kafka",
            new ConfigDef()
                    .define(
                            BOOTSTRAP_SERVERS,
                            STRING,
                            "",
                            HIGH,
                            "Brokers to connect to. Empty: start an in-process single-node KRaft broker (the embedded default).")
                    .define(
                            CLIENT_DNS_LOOKUP,
                            STRING,
                            "use_all_dns_ips",
                            LOW,
                            "One of the kafka.client.* settings, which go to every producer, consumer, admin and Streams client.")
                    .define(
                            EMBEDDED_DIR,
                            STRING,
                            "runs/embedded-kafka",
                            MEDIUM,
                            "Work directory of the embedded broker (its log and metadata directories live under it).")
                    .define(
                            EMBEDDED_FRESH,
                            BOOLEAN,
                            true,
                            MEDIUM,
                            "Delete the embedded broker's data at start (true: every run starts from empty topics).")
                    .define(
                            PARTITIONS,
                            INT,
                            2,
                            Range.atLeast(1),
                            HIGH,
                            "Partitions of the exemplar and event topics (equal:"
                                    + " the two are co-partitioned by memory set).")
                    .define(
                            REPLICATION_FACTOR,
                            INT,
                            1,
                            Range.between(1, Short.MAX_VALUE),
                            HIGH,
                            "Replication factor of every topic the project creates (1 on a single broker; 3 in production).")
                    .define(EXEMPLARS_TOPIC, STRING, "vma.exemplars", MEDIUM, "Topic of exemplars (memory contents).")
                    .define(EVENTS_TOPIC, STRING, "vma.events", MEDIUM, "Topic of events to score.")
                    .define(SCORES_TOPIC, STRING, "vma.scores", MEDIUM, "Topic the scorer writes scores to.")
                    .define(MODELS_TOPIC, STRING, "vma.models", MEDIUM, "Compacted topic of published model versions.")
                    .define(
                            DEAD_LETTER_TOPIC,
                            STRING,
                            "vma.deadletter",
                            MEDIUM,
                            "Topic of records that could not be used, with the reason."),
            List.of(
                    "kafka.client.*: any Kafka client setting for every producer, consumer, admin and Streams client"
                            + " (e.g. kafka.client.security.protocol=SSL).",
                    "kafka.producer.*: any producer setting for every producer (ingest, scorer, trainer, bench); it wins"
                            + " over the project's own choice (its producers use lz4, the model publisher zstd).",
                    "kafka.embedded.broker.*: any broker setting for the embedded broker (e.g."
                            + " kafka.embedded.broker.num.io.threads=2); it wins over the embedded defaults."));

    /** What the roles must agree on. */
    public static final SettingsSection SHARED = new SettingsSection(
            "Shared by the roles",
            new ConfigDef()
                    .define(
                            MODEL_NAME,
                            STRING,
                            "default",
                            new ConfigDef.NonEmptyString(),
                            MEDIUM,
                            "Name of the model (its key in the models topic) the trainer publishes and the scorer follows.")
                    .define(
                            REFERENCE_SHARE,
                            DOUBLE,
                            0.1,
                            Range.between(0.0, 1.0),
                            HIGH,
                            "Share of each set's exemplars"
                                    + " held out as references (by a hash of set and id): in neither memory nor training, they"
                                    + " calibrate novelty and p-values. 0: none (fixed threshold).")
                    .define(
                            MAX_VALUES,
                            INT,
                            1_048_576,
                            Range.atLeast(1),
                            LOW,
                            "Largest exemplar or event, in values"
                                    + " (a guard against absurd records), for ingest, the memory store and the scorer."),
            List.of());

    /** The HTTP endpoint. */
    public static final SettingsSection HTTP = new SettingsSection(
            "HTTP endpoint",
            new ConfigDef()
                    .define(
                            HTTP_HOST,
                            STRING,
                            "127.0.0.1",
                            MEDIUM,
                            "Address of the HTTP endpoint (dashboard, metrics, memory" + " queries, health).")
                    .define(HTTP_PORT, INT, 8080, Range.between(0, 65535), MEDIUM, "Its port; 0 picks a free port.")
                    .define(
                            HTTP_TOKEN,
                            STRING,
                            "",
                            HIGH,
                            "Bearer token for every route but /health (give it as"
                                    + " VMA_HTTP_TOKEN rather than in a file); empty: none.")
                    .define(
                            HTTP_MAX_REQUEST_BYTES,
                            INT,
                            8192,
                            Range.atLeast(256),
                            LOW,
                            "Most bytes of request line and headers accepted; larger requests get 431."),
            List.of());

    private RuntimeSettings() {}
}
