package org.vmastream.scorer;

import static org.apache.kafka.common.config.ConfigDef.Importance.HIGH;
import static org.apache.kafka.common.config.ConfigDef.Importance.LOW;
import static org.apache.kafka.common.config.ConfigDef.Importance.MEDIUM;
import static org.apache.kafka.common.config.ConfigDef.Type.DOUBLE;
import static org.apache.kafka.common.config.ConfigDef.Type.INT;
import static org.apache.kafka.common.config.ConfigDef.Type.LONG;
import static org.apache.kafka.common.config.ConfigDef.Type.STRING;

import java.util.List;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.CaseInsensitiveValidString;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.vmastream.runtime.settings.SettingsSection;

/** The scorer's settings: its Kafka Streams application and how it scores and flags. */
public final class ScorerSettings {
    public static final String APPLICATION_ID = "streams.application.id";
    public static final String STATE_DIR = "streams.state.dir";
    public static final String PROCESSING_GUARANTEE = "streams.processing.guarantee";
    public static final String STREAM_THREADS = "streams.num.stream.threads";
    public static final String GROUP_INSTANCE_ID = "streams.group.instance.id";
    public static final String SESSION_TIMEOUT_MS = "streams.session.timeout.ms";
    public static final String COMMIT_INTERVAL_MS = "streams.commit.interval.ms";
    public static final String POLL_MS = "streams.poll.ms";
    public static final String MAX_BATCH = "scorer.max.batch";
    public static final String MAX_WAIT_MS = "scorer.max.wait.ms";
    public static final String COMPUTE_THREADS = "scorer.compute.threads";
    public static final String SAMPLES = "scorer.samples";
    public static final String TOP_K = "scorer.top.k";
    public static final String ANOMALY_RATE = "scorer.anomaly.rate";
    public static final String ANOMALY_THRESHOLD = "scorer.anomaly.threshold";
    public static final String REFERENCE_MINIMUM = "scorer.reference.minimum";
    public static final String REFERENCE_REFRESH = "scorer.reference.refresh";
    public static final String TRUNCATE_ABOVE = "scorer.truncate.above";
    public static final String TRUNCATE_CANDIDATES = "scorer.truncate.candidates";
    public static final String INDEX_CONNECTIONS = "scorer.truncate.index.connections";
    public static final String INDEX_BEAM = "scorer.truncate.index.beam";
    public static final String SEARCH_MARGIN = "scorer.truncate.search.margin";
    public static final String SEED = "scorer.seed";

    /** The Kafka Streams application. */
    public static final SettingsSection STREAMS = new SettingsSection(
            "Scorer: Kafka Streams",
            new ConfigDef()
                    .define(
                            APPLICATION_ID,
                            STRING,
                            "vma-scorer",
                            HIGH,
                            "Kafka Streams application id (consumer group and" + " prefix of internal topics).")
                    .define(STATE_DIR, STRING, "runs/streams-state", HIGH, "Directory of the RocksDB state stores.")
                    .define(
                            PROCESSING_GUARANTEE,
                            STRING,
                            "exactly_once_v2",
                            CaseInsensitiveValidString.in("exactly_once_v2", "at_least_once"),
                            HIGH,
                            "exactly_once_v2 or at_least_once.")
                    .define(STREAM_THREADS, INT, 1, Range.atLeast(1), MEDIUM, "Stream threads per instance.")
                    .define(
                            GROUP_INSTANCE_ID,
                            STRING,
                            "",
                            MEDIUM,
                            "Static membership: a name unique to this instance and"
                                    + " stable across its restarts (a StatefulSet pod's name), so a restarted instance takes its tasks"
                                    + " back at once instead of after streams.session.timeout.ms. Empty: off.")
                    .define(
                            SESSION_TIMEOUT_MS,
                            INT,
                            45_000,
                            Range.atLeast(1),
                            MEDIUM,
                            "How long the group waits for a member that stopped without leaving (a crash) before its tasks move.")
                    .define(
                            COMMIT_INTERVAL_MS,
                            LONG,
                            10L,
                            Range.atLeast(0),
                            HIGH,
                            "Under exactly-once a score is visible to"
                                    + " read_committed consumers only once its transaction commits, so this is most of a score's"
                                    + " latency (docs/performance.md).")
                    .define(
                            POLL_MS,
                            INT,
                            5,
                            Range.atLeast(1),
                            LOW,
                            "Longest an idle stream thread waits in poll before it"
                                    + " forwards the scores of a batch that finished meanwhile."),
            List.of());

    /** Scoring and flagging. */
    public static final SettingsSection SCORING = new SettingsSection(
            "Scorer",
            new ConfigDef()
                    .define(MAX_BATCH, INT, 512, Range.atLeast(1), HIGH, "Events scored in one pass at most.")
                    .define(
                            MAX_WAIT_MS,
                            LONG,
                            0L,
                            Range.atLeast(0),
                            HIGH,
                            "Longest the oldest event waits for company once"
                                    + " the scoring thread is free. 0: compute whatever waits at once, so batches grow with the load.")
                    .define(
                            COMPUTE_THREADS,
                            INT,
                            1,
                            Range.atLeast(1),
                            MEDIUM,
                            "Threads computing batches beside the stream"
                                    + " threads, shared by an instance's tasks (one batch per task in flight).")
                    .define(SAMPLES, INT, 4, Range.atLeast(1), MEDIUM, "Importance samples K of the bound.")
                    .define(TOP_K, INT, 5, Range.atLeast(0), LOW, "Addresses reported per score.")
                    .define(
                            ANOMALY_RATE,
                            DOUBLE,
                            0.01,
                            Range.between(0.0, 0.999999),
                            HIGH,
                            "Target false-alarm rate: flag an"
                                    + " event when its novelty p-value against its set's references is at most this. 0: flag by"
                                    + " scorer.anomaly.threshold instead.")
                    .define(
                            ANOMALY_THRESHOLD,
                            DOUBLE,
                            -160.0,
                            MEDIUM,
                            "Fixed threshold on the bound (nats): it flags when"
                                    + " the rate is 0, or while a set has fewer than scorer.reference.minimum scored references.")
                    .define(
                            REFERENCE_MINIMUM,
                            INT,
                            100,
                            Range.atLeast(1),
                            MEDIUM,
                            "Scored references a set needs before its p-values decide the flag.")
                    .define(
                            REFERENCE_REFRESH,
                            DOUBLE,
                            0.1,
                            Range.between(1e-9, 1.0),
                            LOW,
                            "References are scored again at"
                                    + " every new model version, and when the set or its reference pool changed by this share.")
                    .define(
                            TRUNCATE_ABOVE,
                            INT,
                            50_000,
                            Range.atLeast(1),
                            MEDIUM,
                            "Sets of more entries are scored through"
                                    + " the top scorer.truncate.candidates entries an HNSW index over the address keys finds; the bound"
                                    + " stays a lower bound and p(a) stays exact (docs/performance.md#memory-size).")
                    .define(TRUNCATE_CANDIDATES, INT, 32, Range.atLeast(1), MEDIUM, "Entries per event on that path.")
                    .define(INDEX_CONNECTIONS, INT, 16, Range.atLeast(1), LOW, "The index's neighbours per node.")
                    .define(INDEX_BEAM, INT, 100, Range.atLeast(1), LOW, "Candidates the index keeps while inserting.")
                    .define(
                            SEARCH_MARGIN,
                            INT,
                            32,
                            Range.atLeast(0),
                            LOW,
                            "Candidates the index keeps beyond those asked for while searching.")
                    .define(SEED, LONG, 11L, LOW, "Seed of the scorer's sampling noise."),
            List.of());

    private ScorerSettings() {}
}
