package org.vmastream.scorer.batch;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vmastream.memory.MemoryStoreConfig;
import org.vmastream.memory.store.MemoryKeys;
import org.vmastream.memory.store.MemoryStores;
import org.vmastream.memory.store.MemoryWriter;
import org.vmastream.memory.update.MemoryUpdateProcessor;
import org.vmastream.memory.update.ValueChecks;
import org.vmastream.model.diagnostics.BatchScorer;
import org.vmastream.model.diagnostics.ExampleDiagnostics;
import org.vmastream.model.nn.Workspaces;
import org.vmastream.schemas.DeadLetter;
import org.vmastream.schemas.FloatValues;
import org.vmastream.schemas.Score;
import org.vmastream.schemas.ScoreRequest;
import org.vmastream.schemas.serde.AvroDeserializer;
import org.vmastream.schemas.serde.DeadLetters;
import org.vmastream.schemas.serde.UndecodableRecordException;
import org.vmastream.scorer.ScorerConfig;
import org.vmastream.scorer.cache.AddressableMemory;
import org.vmastream.scorer.cache.MemoryCache;
import org.vmastream.scorer.cache.MemoryMismatchException;
import org.vmastream.scorer.model.ModelRegistry;
import org.vmastream.scorer.model.ServingModel;

/**
 * Scores events in micro-batches. Events are decoded and checked on arrival, then wait in
 * {@link PendingEvents} until the batch holds {@code maxBatch} events or the wall-clock punctuator
 * fires ({@code maxWait}); the batch is then scored per memory set in one pass with the current
 * model version against the set's cached encoding. Each event ends as exactly one Score or one
 * dead letter. Without a model yet, events keep waiting (they are stored, not dropped).
 */
public final class ScoreProcessor implements Processor<byte[], byte[], String, Object> {
    /** Dead-letter error type of events that decode but are not acceptable. */
    public static final String INVALID_EVENT = "INVALID_EVENT";
    public static final String WRONG_DIMENSION = "WRONG_DIMENSION";

    private static final Logger LOG = LoggerFactory.getLogger(ScoreProcessor.class);

    private final ScorerConfig config;
    private final MemoryStoreConfig memoryConfig;
    private final ModelRegistry registry;
    private final ScorerListener listener;
    private final String scoreChild;
    private final String deadLetterChild;
    private final AvroDeserializer<ScoreRequest> decoder;
    private final MemoryCache cache = new MemoryCache(256);
    private final AnomalyThresholds thresholds;
    private ProcessorContext<String, Object> context;
    private PendingEvents pending;
    private MemoryWriter memory;
    private SplittableRandom random;
    private final String topic;
    private boolean warnedNoModel;

    /**
     * @param eventTopic      name of the event topic (for dead letters of events restored after a restart)
     * @param scoreChild      name of the score sink
     * @param deadLetterChild name of the dead-letter sink
     */
    public ScoreProcessor(ScorerConfig config, MemoryStoreConfig memoryConfig, ModelRegistry registry,
                          ScorerListener listener, String eventTopic, String scoreChild, String deadLetterChild) {
        this.config = config;
        this.topic = eventTopic;
        this.thresholds = new AnomalyThresholds(config.anomaly());
        this.memoryConfig = memoryConfig;
        this.registry = registry;
        this.listener = listener;
        this.scoreChild = scoreChild;
        this.deadLetterChild = deadLetterChild;
        this.decoder = new AvroDeserializer<>(ScoreRequest.class, MemoryUpdateProcessor.maxRecordBytes(memoryConfig));
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.pending = new PendingEvents(context.getStateStore(PendingEvents.STORE), decoder, topic);
        this.memory = new MemoryWriter(context.getStateStore(MemoryStores.ENTRIES),
                context.getStateStore(MemoryStores.INDEX), context.getStateStore(MemoryStores.SETS),
                context.getStateStore(MemoryStores.READS), memoryConfig, MemoryUpdateProcessor.maxRecordBytes(memoryConfig));
        this.random = new SplittableRandom(config.seed() ^ (31L * context.taskId().hashCode()));
        context.schedule(config.maxWait(), PunctuationType.WALL_CLOCK_TIME, now -> flush());
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        RecordMetadata meta = context.recordMetadata().orElseThrow();
        String set = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        if (record.value() == null) {
            reject(record.key(), null, meta.partition(), meta.offset(), INVALID_EVENT, "an event needs a value (tombstones"
                    + " are for exemplars)");
            return;
        }
        ScoreRequest event;
        try {
            event = decoder.deserialize(topic, record.value());
        } catch (UndecodableRecordException e) {
            deadLetter(DeadLetters.of(record.key(), record.value(), topic, meta.partition(), meta.offset(), e, Instant.now()));
            return;
        }
        String problem = problem(set, event);
        if (problem != null) {
            reject(record.key(), record.value(), meta.partition(), meta.offset(), INVALID_EVENT,
                    "event " + event.getId() + " " + problem);
            return;
        }
        pending.add(new PendingEvent(meta.offset(), nowMicros(), record.key(), record.value(), event));
        if (pending.size() >= config.maxBatch()) {
            flush();
        }
    }

    private String problem(String set, ScoreRequest event) {
        if (!MemoryKeys.validSetName(set)) {
            return "is keyed by '" + set + "'; the key must name a memory set";
        }
        if (!set.equals(event.getMemorySet())) {
            return "names memory set '" + event.getMemorySet() + "' but was keyed by '" + set + "'";
        }
        return ValueChecks.problem(event.getShape(), event.getData(), memoryConfig.maxValues());
    }

    /** Scores every pending event (or dead-letters it) and empties the batch. */
    void flush() {
        if (pending.isEmpty()) {
            return;
        }
        Optional<ServingModel> current = registry.current();
        if (current.isEmpty()) {
            if (!warnedNoModel) {
                LOG.info("{} events wait for the first model version", pending.size());
                warnedNoModel = true;
            }
            return;
        }
        ServingModel model = current.get();
        Map<String, List<PendingEvent>> bySet = new LinkedHashMap<>();
        for (PendingEvent event : pending.events()) {
            bySet.computeIfAbsent(event.event().getMemorySet(), s -> new ArrayList<>()).add(event);
        }
        bySet.forEach((set, events) -> scoreSet(set, events, model));
        pending.clear();
    }

    private void scoreSet(String set, List<PendingEvent> events, ServingModel model) {
        AddressableMemory addressable;
        var state = memory.state(set).orElse(null);
        try {
            addressable = cache.get(set, state, model, memory::snapshot);
        } catch (MemoryMismatchException e) {
            events.forEach(event -> reject(event, e.errorType(), "event " + event.event().getId() + ": " + e.getMessage()));
            return;
        }
        int dimension = model.model().config().dataDim();
        List<PendingEvent> scorable = new ArrayList<>(events.size());
        for (PendingEvent event : events) {
            int size = event.event().getData().size();
            if (size == dimension) {
                scorable.add(event);
            } else {
                reject(event, WRONG_DIMENSION, "event " + event.event().getId() + " has " + size
                        + " values; model version " + model.version() + " expects " + dimension);
            }
        }
        if (scorable.isEmpty()) {
            return;
        }
        long start = System.nanoTime();
        List<ExampleDiagnostics> diagnostics = score(scorable, dimension, model, addressable);
        long micros = nowMicros();
        Map<String, Long> reads = new HashMap<>();
        double threshold = thresholds.threshold(set);
        for (int i = 0; i < scorable.size(); i++) {
            PendingEvent event = scorable.get(i);
            Score score = ScoreFactory.score(event.event(), diagnostics.get(i), model.version(), state, addressable,
                    threshold, (micros - event.arrivalMicros()) / 1000.0);
            thresholds.record(set, score.getBound());
            if (!score.getTopAddresses().isEmpty() && addressable.exemplarCount() > 0) {
                reads.merge(score.getTopAddresses().get(0).getExemplarId(), 1L, Long::sum);
            }
            listener.scored(event.event(), score);
            context.forward(new Record<>(score.getEventId(), score, micros / 1000), scoreChild);
        }
        memory.addReads(set, reads);
        listener.batchScored(set, scorable.size(), System.nanoTime() - start);
    }

    private List<ExampleDiagnostics> score(List<PendingEvent> events, int dimension, ServingModel model,
                                           AddressableMemory addressable) {
        float[] values = new float[events.size() * dimension];
        for (int i = 0; i < events.size(); i++) {
            List<Float> data = events.get(i).event().getData();
            for (int d = 0; d < dimension; d++) {
                values[i * dimension + d] = FloatValues.at(data, d) > 0.5f ? 1f : 0f;
            }
        }
        BatchScorer scorer = new BatchScorer(model.model(), config.samples(), config.samples(), config.topK());
        try (MemoryWorkspace ignored = Workspaces.open("vma-scorer")) {
            INDArray x = Nd4j.create(values, new long[] {events.size(), dimension}, 'c');
            return scorer.score(x, addressable.encoding(), random, addressable.groups());
        }
    }

    private void reject(PendingEvent event, String errorType, String reason) {
        reject(event.key(), event.value(), context.taskId().partition(), event.offset(), errorType, reason);
    }

    private void reject(byte[] key, byte[] value, int partition, long offset, String errorType, String reason) {
        deadLetter(DeadLetters.rejected(key, value, topic, partition, offset, errorType, reason, Instant.now()));
    }

    private void deadLetter(DeadLetter letter) {
        listener.deadLettered(letter.getErrorType());
        context.forward(new Record<>(letter.getSourceTopic(), letter, System.currentTimeMillis()), deadLetterChild);
    }

    private static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }
}
