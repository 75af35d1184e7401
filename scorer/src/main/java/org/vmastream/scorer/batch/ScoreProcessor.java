package org.vmastream.scorer.batch;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vmastream.memory.MemoryStoreConfig;
import org.vmastream.memory.store.MemoryKeys;
import org.vmastream.memory.store.MemorySnapshot;
import org.vmastream.memory.store.MemoryStores;
import org.vmastream.memory.store.MemoryWriter;
import org.vmastream.memory.update.MemoryUpdateProcessor;
import org.vmastream.memory.update.ValueChecks;
import org.vmastream.model.diagnostics.ExampleDiagnostics;
import org.vmastream.runtime.kafka.TopicNames;
import org.vmastream.schemas.DeadLetter;
import org.vmastream.schemas.MemorySetState;
import org.vmastream.schemas.ReferenceScores;
import org.vmastream.schemas.Score;
import org.vmastream.schemas.ScoreRequest;
import org.vmastream.schemas.serde.AvroDeserializer;
import org.vmastream.schemas.serde.DeadLetters;
import org.vmastream.schemas.serde.ErrorType;
import org.vmastream.schemas.serde.UndecodableRecordException;
import org.vmastream.scorer.ScorerConfig;
import org.vmastream.scorer.cache.AddressableMemory;
import org.vmastream.scorer.cache.MemoryCache;
import org.vmastream.scorer.cache.MemoryMismatchException;
import org.vmastream.scorer.model.ModelRegistry;
import org.vmastream.scorer.model.ServingModel;
import org.vmastream.scorer.novelty.NoveltyCalibration;
import org.vmastream.scorer.novelty.NoveltyTerms;
import org.vmastream.scorer.novelty.ReferenceStore;
import org.vmastream.scorer.novelty.Verdict;

/**
 * Scores events in micro-batches. Events are decoded and checked on arrival, then wait in
 * {@link PendingEvents}. A batch is handed to the {@link ScoringExecutor} when it holds
 * {@code maxBatch} events or its oldest event has waited {@code maxWait}, and no earlier batch of
 * this task is still being computed; it is scored per memory set in one pass with the current
 * model version against the set's cached encoding. While it is computed, the stream thread goes
 * on: the next events are polled and checked, and the transaction of the batch before commits. A
 * wall-clock punctuator every millisecond picks up finished batches and forwards their scores, on
 * the stream thread, so they belong to its transaction; only then do the events leave the pending
 * store. Each event ends as exactly one Score or one dead letter. Without a model yet, events keep
 * waiting (they are stored, not dropped).
 */
public final class ScoreProcessor implements Processor<byte[], byte[], String, Object> {
    /** How often finished batches are looked for (and waits checked) when no event arrives. */
    private static final Duration TICK = Duration.ofMillis(1);

    private static final Logger LOG = LoggerFactory.getLogger(ScoreProcessor.class);

    private final ScorerConfig config;
    private final MemoryStoreConfig memoryConfig;
    private final ModelRegistry registry;
    private final ScorerListener listener;
    private final ScoringExecutor executor;
    private final String scoreChild;
    private final String deadLetterChild;
    private final AvroDeserializer<ScoreRequest> decoder;
    private final MemoryCache cache;
    private ProcessorContext<String, Object> context;
    private PendingEvents pending;
    private MemoryWriter memory;
    private MemoryWriter referencePools;
    private ReferenceStore references;
    private SplittableRandom random;
    private final String topic;
    private boolean warnedNoModel;
    /** Wall-clock time (ms) at which the oldest waiting event arrived. */
    private long oldestWaitingSince;
    /** The batch being computed, or null. */
    private InFlight inFlight;

    /**
     * @param executor        where batches are computed
     * @param eventTopic      name of the event topic (for dead letters of events restored after a restart)
     * @param scoreChild      name of the score sink
     * @param deadLetterChild name of the dead-letter sink
     */
    public ScoreProcessor(
            ScorerConfig config,
            MemoryStoreConfig memoryConfig,
            ModelRegistry registry,
            ScorerListener listener,
            ScoringExecutor executor,
            String eventTopic,
            String scoreChild,
            String deadLetterChild) {
        this.config = config;
        this.topic = eventTopic;
        this.memoryConfig = memoryConfig;
        this.registry = registry;
        this.listener = listener;
        this.executor = executor;
        this.scoreChild = scoreChild;
        this.deadLetterChild = deadLetterChild;
        this.decoder = new AvroDeserializer<>(ScoreRequest.class, MemoryUpdateProcessor.maxRecordBytes(memoryConfig));
        this.cache = new MemoryCache(256, config.truncation());
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.pending = new PendingEvents(context.getStateStore(PendingEvents.STORE), decoder, topic);
        this.oldestWaitingSince = context.currentSystemTimeMs();
        this.memory = MemoryStores.memory(context, memoryConfig);
        this.referencePools = MemoryStores.references(context, memoryConfig);
        this.references = new ReferenceStore(context.getStateStore(ReferenceStore.STORE));
        this.random =
                new SplittableRandom(config.seed() ^ (31L * context.taskId().hashCode()));
        context.schedule(TICK, PunctuationType.WALL_CLOCK_TIME, this::advance);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        RecordMetadata meta = context.recordMetadata().orElseThrow();
        String set = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        if (record.value() == null) {
            reject(
                    record.key(),
                    null,
                    meta.topic(),
                    meta.partition(),
                    meta.offset(),
                    ErrorType.INVALID_EVENT,
                    "an event needs a value (tombstones are for exemplars)");
            return;
        }
        ScoreRequest event;
        try {
            event = decoder.deserialize(topic, record.value());
        } catch (UndecodableRecordException e) {
            deadLetter(DeadLetters.of(
                    record.key(), record.value(), meta.topic(), meta.partition(), meta.offset(), e, Instant.now()));
            return;
        }
        String problem = problem(set, event);
        if (problem != null) {
            reject(
                    record.key(),
                    record.value(),
                    meta.topic(),
                    meta.partition(),
                    meta.offset(),
                    ErrorType.INVALID_EVENT,
                    "event " + event.getId() + " " + problem);
            return;
        }
        long now = context.currentSystemTimeMs();
        if (!pending.hasWaiting()) {
            oldestWaitingSince = now;
        }
        pending.add(new PendingEvent(
                PendingEvent.key(meta.offset(), !meta.topic().equals(topic)),
                nowMicros(),
                record.key(),
                record.value(),
                event));
        if (pending.waitingCount() >= config.maxBatch() && inFlight != null) {
            // A full batch is waiting behind one still computed: wait for it rather than let events pile up.
            finish(inFlight);
        }
        advance(now);
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

    /**
     * Forwards the scores of a finished batch, then starts the next batch if one is due: full, or its
     * oldest event has waited long enough. A batch computed at once (on the calling thread) is
     * forwarded at once, and the next one started.
     */
    private void advance(long now) {
        if (inFlight != null && inFlight.result().isDone()) {
            finish(inFlight);
        }
        while (inFlight == null
                && pending.hasWaiting()
                && (pending.waitingCount() >= config.maxBatch()
                        || now - oldestWaitingSince >= config.maxWait().toMillis())) {
            if (!start()) {
                return;
            }
            if (inFlight != null && inFlight.result().isDone()) {
                finish(inFlight);
            }
        }
    }

    /**
     * Takes waiting events as a batch, dead-letters those that cannot be scored and submits the rest;
     * false (taking nothing) while there is no model yet.
     */
    private boolean start() {
        Optional<ServingModel> current = registry.current();
        if (current.isEmpty()) {
            if (!warnedNoModel) {
                LOG.info("{} events wait for the first model version", pending.waitingCount());
                warnedNoModel = true;
            }
            return false;
        }
        ServingModel model = current.get();
        // Events left waiting (more than a batch) keep the old mark: they are due as soon as this batch is done.
        List<PendingEvent> batch = pending.take(config.maxBatch());
        Map<String, List<PendingEvent>> bySet = new LinkedHashMap<>();
        for (PendingEvent event : batch) {
            bySet.computeIfAbsent(event.event().getMemorySet(), s -> new ArrayList<>())
                    .add(event);
        }
        List<SetBatch> sets = new ArrayList<>(bySet.size());
        List<PendingEvent> rejected = new ArrayList<>();
        bySet.forEach((set, events) -> {
            SetBatch scorable = scorable(set, events, model, rejected);
            if (scorable != null) {
                sets.add(scorable);
            }
        });
        pending.remove(rejected);
        if (!sets.isEmpty()) {
            BatchComputation computation = new BatchComputation(config.samples(), config.topK());
            SplittableRandom noise = random.split();
            inFlight = new InFlight(sets, executor.submit(() -> computation.run(sets, noise)));
        }
        return true;
    }

    /**
     * The events of {@code set} that the model can score against its memory; the others are dead-lettered.
     * The model is the one that encoded the set's memory: the newest, or the one before while a large
     * set is re-encoded for the newest.
     */
    private SetBatch scorable(String set, List<PendingEvent> events, ServingModel newest, List<PendingEvent> rejected) {
        MemorySetState state = memory.state(set).orElse(null);
        AddressableMemory addressable;
        try {
            addressable = cache.get(set, state, newest, memory::snapshot);
        } catch (MemoryMismatchException e) {
            events.forEach(event ->
                    reject(event, e.errorType(), "event " + event.event().getId() + ": " + e.getMessage()));
            rejected.addAll(events);
            return null;
        }
        ServingModel model = addressable.model();
        int dimension = model.model().config().dataDim();
        List<PendingEvent> scorable = new ArrayList<>(events.size());
        for (PendingEvent event : events) {
            int size = event.event().getData().size();
            if (size == dimension) {
                scorable.add(event);
            } else {
                reject(
                        event,
                        ErrorType.WRONG_DIMENSION,
                        "event " + event.event().getId() + " has " + size + " values; model version " + model.version()
                                + " expects " + dimension);
                rejected.add(event);
            }
        }
        return scorable.isEmpty()
                ? null
                : new SetBatch(set, state, addressable, scorable, staleReferences(set, state, model));
    }

    /** The set's reference pool when its scores are stale for this model and memory, else null. */
    private MemorySnapshot staleReferences(String set, MemorySetState state, ServingModel model) {
        MemorySetState pool = referencePools.state(set).orElse(null);
        if (!references.stale(set, model.version(), state, pool, config.anomaly())
                || pool.getDimension() != model.model().config().dataDim()) {
            return null;
        }
        return referencePools.snapshot(set);
    }

    /** Waits for {@code batch} if need be, forwards its scores and removes its events from the pending store. */
    private void finish(InFlight batch) {
        inFlight = null;
        List<BatchComputation.SetResult> results = resultOf(batch);
        long micros = nowMicros();
        for (int s = 0; s < batch.sets().size(); s++) {
            SetBatch set = batch.sets().get(s);
            forward(set, results.get(s), set.memory().model(), micros);
            pending.remove(set.events());
        }
    }

    private void forward(SetBatch batch, BatchComputation.SetResult result, ServingModel model, long micros) {
        Map<String, Long> reads = new HashMap<>();
        NoveltyCalibration calibration;
        if (batch.references() == null) {
            calibration = references.calibration(batch.set()).orElse(null);
        } else {
            calibration = references.put(referenceScores(batch, result.references(), result.referenceHead(), model));
            listener.referencesScored(batch.set(), result.references().size(), model.version());
        }
        if (calibration != null && calibration.references().getModelVersion() != model.version()) {
            calibration = null;
        }
        for (int i = 0; i < batch.events().size(); i++) {
            PendingEvent event = batch.events().get(i);
            ExampleDiagnostics diagnostics = result.diagnostics().get(i);
            HeadTerms head = result.head();
            Verdict verdict = Verdict.of(
                    config.anomaly(),
                    calibration,
                    new NoveltyTerms(
                            diagnostics.memoryMatch(),
                            diagnostics.addressEntropy(),
                            diagnostics.bound(),
                            head == null ? Double.NaN : head.energy()[i],
                            head == null ? Double.NaN : head.featureMatch()[i]));
            Score score = ScoreFactory.score(
                    event.event(),
                    diagnostics,
                    model.version(),
                    batch.state(),
                    batch.memory(),
                    verdict,
                    head,
                    i,
                    config.anomaly().fixedThreshold(),
                    (micros - event.arrivalMicros()) / 1000.0);
            if (!score.getTopAddresses().isEmpty() && batch.memory().exemplarCount() > 0) {
                reads.merge(score.getTopAddresses().get(0).getExemplarId(), 1L, Long::sum);
            }
            listener.scored(event.event(), score);
            context.forward(new Record<>(score.getEventId(), score, micros / 1000), scoreChild);
        }
        memory.addReads(batch.set(), reads);
        listener.batchScored(batch.set(), batch.events().size(), result.nanos());
    }

    private static ReferenceScores referenceScores(
            SetBatch batch, List<ExampleDiagnostics> scored, HeadTerms head, ServingModel model) {
        List<Double> match = new ArrayList<>(scored.size());
        List<Double> entropy = new ArrayList<>(scored.size());
        List<Double> bound = new ArrayList<>(scored.size());
        for (ExampleDiagnostics reference : scored) {
            match.add(reference.memoryMatch());
            entropy.add(reference.addressEntropy());
            bound.add(reference.bound());
        }
        return ReferenceScores.newBuilder()
                .setMemorySet(batch.set())
                .setModelVersion(model.version())
                .setMemoryVersion(batch.state() == null ? 0 : batch.state().getVersion())
                .setReferenceVersion(batch.references().version())
                .setMemoryMatch(match)
                .setAddressEntropy(entropy)
                .setBound(bound)
                .setHeadEnergy(
                        head == null
                                ? null
                                : Arrays.stream(head.energy()).boxed().toList())
                .setFeatureMatch(
                        head == null
                                ? null
                                : Arrays.stream(head.featureMatch()).boxed().toList())
                .build();
    }

    private static List<BatchComputation.SetResult> resultOf(InFlight batch) {
        try {
            return batch.result().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while a batch was scored", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("scoring a batch failed", e.getCause());
        }
    }

    /**
     * Lets a batch still being computed finish without forwarding it: its events are still in the
     * pending store, which brings them back to whoever runs this task next.
     */
    @Override
    public void close() {
        if (inFlight != null) {
            try {
                inFlight.result().get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException e) {
                LOG.warn("a batch failed while its task closed; its events stay pending", e.getCause());
            }
            inFlight = null;
        }
    }

    private void reject(PendingEvent event, ErrorType errorType, String reason) {
        String source = (event.offset() & PendingEvent.REROUTED) != 0 ? TopicNames.rerouted(topic) : topic;
        reject(
                event.key(),
                event.value(),
                source,
                context.taskId().partition(),
                event.sourceOffset(),
                errorType,
                reason);
    }

    private void reject(
            byte[] key, byte[] value, String source, int partition, long offset, ErrorType errorType, String reason) {
        deadLetter(DeadLetters.rejected(key, value, source, partition, offset, errorType, reason, Instant.now()));
    }

    private void deadLetter(DeadLetter letter) {
        listener.deadLettered(letter.getErrorType());
        context.forward(new Record<>(letter.getSourceTopic(), letter, System.currentTimeMillis()), deadLetterChild);
    }

    private static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    /** A batch handed to the executor. */
    private record InFlight(List<SetBatch> sets, Future<List<BatchComputation.SetResult>> result) {}
}
