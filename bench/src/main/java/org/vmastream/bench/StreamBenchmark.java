package org.vmastream.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vmastream.datasets.mnist.MnistSplit;
import org.vmastream.ingest.produce.ItemProducer;
import org.vmastream.ingest.produce.RecordKind;
import org.vmastream.ingest.source.DigitSet;
import org.vmastream.ingest.source.Item;
import org.vmastream.ingest.source.MnistSource;
import org.vmastream.memory.store.MemoryView;
import org.vmastream.memory.update.MemoryUpdateListener;
import org.vmastream.model.ModelConfig;
import org.vmastream.model.VmaModel;
import org.vmastream.model.train.TrainingConfig;
import org.vmastream.model.train.VimcoTrainer;
import org.vmastream.runtime.kafka.KafkaRuntime;
import org.vmastream.runtime.settings.Directories;
import org.vmastream.runtime.settings.RuntimeSettings;
import org.vmastream.runtime.settings.Settings;
import org.vmastream.schemas.Score;
import org.vmastream.schemas.ScoreRequest;
import org.vmastream.schemas.serde.AvroDeserializer;
import org.vmastream.schemas.serde.AvroSerializer;
import org.vmastream.scorer.ScorerService;
import org.vmastream.scorer.ScorerSettings;
import org.vmastream.scorer.batch.ScorerListener;
import org.vmastream.trainer.publish.CheckpointPublisher;

/**
 * End-to-end scoring through the broker with the scorer's settings (exactly-once by default): a
 * producer sends MNIST test images as events to a memory set of 256 training images; a consumer
 * reads the committed scores back. First as fast as the producer can send (throughput), then at a
 * fixed rate (latency from send to committed score, percentiles).
 */
public final class StreamBenchmark {
    private static final Logger LOG = LoggerFactory.getLogger(StreamBenchmark.class);
    private static final String SET = "bench";
    /** Exemplars sent: 256 fill the memory and about a tenth go to the references (at least 100 are needed). */
    private static final int EXEMPLARS = 1200;

    /** What one run measured. */
    public record Result(
            double maxEventsPerSecond,
            double rate,
            double p50Millis,
            double p99Millis,
            double processingP50Millis,
            double processingP99Millis,
            int latencySamples) {}

    private StreamBenchmark() {}

    /**
     * What to send.
     *
     * @param warmupEvents       events sent and awaited before timing, so that the JIT has compiled the
     *                           broker's, the clients' and the scorer's hot paths
     * @param events             events in the throughput phase
     * @param pacedRate          the latency phase's rate (events/s); 0 for half the throughput just measured
     * @param settleSeconds how long to send at that rate, untimed, before the latency phase: after the
     *                           throughput phase the JVM takes a while to settle at the lower rate
     * @param latencySeconds     how long the latency phase sends at that rate
     * @param latenciesOut       where to write the latency phase's measurements per event, or null
     */
    public record Plan(
            int warmupEvents,
            int events,
            double pacedRate,
            double settleSeconds,
            double latencySeconds,
            Path latenciesOut) {}

    /** Runs the phases of {@code plan} against a scorer with {@code settings} (broker, guarantee, batch, commit...). */
    public static Result run(Settings settings, Plan plan) throws Exception {
        Directories.deleteRecursively(Path.of(settings.string(ScorerSettings.STATE_DIR)));
        try (KafkaRuntime kafka = KafkaRuntime.open(settings);
                ScorerService scorer = ScorerService.start(
                        settings, kafka.connection(), kafka.topics(), MemoryUpdateListener.NONE, ScorerListener.NONE)) {
            VimcoTrainer untrained =
                    new VimcoTrainer(VmaModel.initialise(ModelConfig.mnistExemplar(0), 1), TrainingConfig.paper(1));
            try (CheckpointPublisher publisher = new CheckpointPublisher(
                    kafka.connection(),
                    kafka.topics().modelTopic(),
                    settings.string(RuntimeSettings.MODEL_NAME),
                    Map.of("purpose", "benchmark"))) {
                publisher.publish(untrained, null, Map.of());
            }
            loadMemory(kafka, settings, scorer);
            if (!scorer.awaitModel(Duration.ofMinutes(2))) {
                throw new IllegalStateException("the scorer did not load the benchmark model");
            }
            List<IdPatch> payloads = payloads(kafka.topics().events());
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                            kafka.connection()
                                    .producerProperties(Map.of(
                                            ProducerConfig.ACKS_CONFIG,
                                            "all",
                                            ProducerConfig.LINGER_MS_CONFIG,
                                            2,
                                            ProducerConfig.COMPRESSION_TYPE_CONFIG,
                                            "lz4")),
                            new StringSerializer(),
                            new ByteArraySerializer());
                    KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                            kafka.connection()
                                    .clientProperties(Map.of(
                                            ConsumerConfig.GROUP_ID_CONFIG, "vma-bench-" + System.nanoTime(),
                                            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                                            ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")),
                            new StringDeserializer(),
                            new ByteArrayDeserializer())) {
                consumer.subscribe(List.of(kafka.topics().scores()));
                awaitAssignment(consumer);
                warmUp(producer, consumer, kafka.topics().events(), payloads, plan.warmupEvents());
                Phase max = phase(producer, consumer, kafka.topics(), payloads, plan.events(), 0, "max");
                double rate = plan.pacedRate() > 0 ? plan.pacedRate() : max.eventsPerSecond() / 2;
                if (plan.settleSeconds() > 0) {
                    phase(
                            producer,
                            consumer,
                            kafka.topics(),
                            payloads,
                            (int) Math.round(rate * plan.settleSeconds()),
                            rate,
                            "settle");
                }
                StreamThreadTime threads = StreamThreadTime.start(scorer.streams());
                long pacedStart = System.nanoTime();
                int latencyEvents = (int) Math.max(1, Math.round(rate * plan.latencySeconds()));
                Phase paced = phase(producer, consumer, kafka.topics(), payloads, latencyEvents, rate, "paced");
                LOG.info("paced phase: {}", threads.summary((System.nanoTime() - pacedStart) / 1e9));
                LOG.info("paced phase: {}", paced.parts());
                if (plan.latenciesOut() != null) {
                    paced.write(plan.latenciesOut());
                    LOG.info("paced phase: latencies per event written to {}", plan.latenciesOut());
                }
                return new Result(
                        max.eventsPerSecond(),
                        rate,
                        paced.percentile(0.50),
                        paced.percentile(0.99),
                        paced.processingPercentile(0.50),
                        paced.processingPercentile(0.99),
                        paced.latencies().length);
            }
        }
    }

    /**
     * A phase's measurements per event, in the order the scores were read: when it was sent (ms since
     * the epoch, {@code sentMillis}), send to committed score read back ({@code latencies}), and its
     * three parts: send to the scorer's first look ({@code toScorer}), the scorer's own time
     * ({@code processing}), scored to read back ({@code toReader}, mostly waiting for the commit).
     */
    private record Phase(
            double eventsPerSecond,
            double[] sentMillis,
            double[] latencies,
            double[] toScorer,
            double[] processing,
            double[] toReader) {
        double percentile(double q) {
            return sortedAt(latencies, q);
        }

        double processingPercentile(double q) {
            return sortedAt(processing, q);
        }

        /** The parts' percentiles, for the log: where a slow event spent its time. */
        String parts() {
            return String.format(
                    Locale.ROOT,
                    "send -> scorer p50 %.1f p99 %.1f ms; in scorer p50 %.1f p99 %.1f ms; "
                            + "scored -> read back p50 %.1f p99 %.1f ms",
                    sortedAt(toScorer, 0.5),
                    sortedAt(toScorer, 0.99),
                    sortedAt(processing, 0.5),
                    sortedAt(processing, 0.99),
                    sortedAt(toReader, 0.5),
                    sortedAt(toReader, 0.99));
        }

        /**
         * One line per event: sent (ms since the epoch), end to end, send to scorer, in scorer, scored to
         * read back (ms). Slow events can then be lined up with a GC log written with wall-clock times.
         */
        void write(Path file) throws IOException {
            try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(file))) {
                out.println("sent_epoch_ms,end_to_end_ms,to_scorer_ms,in_scorer_ms,to_reader_ms");
                for (int i = 0; i < latencies.length; i++) {
                    out.printf(
                            Locale.ROOT,
                            "%.3f,%.3f,%.3f,%.3f,%.3f%n",
                            sentMillis[i],
                            latencies[i],
                            toScorer[i],
                            processing[i],
                            toReader[i]);
                }
            }
        }

        private static double sortedAt(double[] values, double q) {
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            return sorted[Math.min(sorted.length - 1, (int) Math.floor(q * sorted.length))];
        }
    }

    private static Phase phase(
            KafkaProducer<String, byte[]> producer,
            KafkaConsumer<String, byte[]> consumer,
            org.vmastream.runtime.kafka.TopicNames topics,
            List<IdPatch> payloads,
            int count,
            double rate,
            String name)
            throws InterruptedException {
        AvroDeserializer<Score> decoder = new AvroDeserializer<>(Score.class);
        long[] sent = new long[count];
        long[] sentMicros = new long[count];
        double[] latencies = new double[count];
        double[] toScorer = new double[count];
        double[] processing = new double[count];
        double[] toReader = new double[count];
        double[] sentMillis = new double[count];
        Thread sender = new Thread(
                () -> {
                    long interval = rate > 0 ? (long) (1e9 / rate) : 0;
                    long next = System.nanoTime();
                    for (int i = 0; i < count; i++) {
                        if (interval > 0) {
                            next += interval;
                            long wait = next - System.nanoTime();
                            if (wait > 0) {
                                java.util.concurrent.locks.LockSupport.parkNanos(wait);
                            }
                        }
                        sent[i] = System.nanoTime();
                        sentMicros[i] = nowMicros();
                        producer.send(new ProducerRecord<>(
                                topics.events(),
                                SET,
                                payloads.get(i % payloads.size()).withId(name, i)));
                    }
                    producer.flush();
                },
                "vma-bench-sender");
        long start = System.nanoTime();
        sender.start();
        int received = 0;
        long deadline = start + Duration.ofMinutes(10).toNanos();
        while (received < count && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                long now = System.nanoTime();
                Score score = decoder.deserialize(topics.scores(), record.value());
                String id = score.getEventId();
                if (!IdPatch.phaseOf(id).equals(name)) {
                    continue;
                }
                int i = IdPatch.indexOf(id);
                latencies[received] = (now - sent[i]) / 1e6;
                sentMillis[received] = sentMicros[i] / 1e3;
                processing[received] = score.getLatencyMillis();
                // The score's record timestamp is when it was scored (ms); the parts share one wall clock.
                double scoredMillis = record.timestamp();
                toScorer[received] = scoredMillis - score.getLatencyMillis() - sentMicros[i] / 1e3;
                toReader[received] = nowMicros() / 1e3 - scoredMillis;
                received++;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        sender.join();
        if (received < count) {
            throw new IllegalStateException(
                    "only " + received + " of " + count + " scores arrived in the " + name + " phase");
        }
        return new Phase(count / seconds, sentMillis, latencies, toScorer, processing, toReader);
    }

    private static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    private static List<IdPatch> payloads(String topic) throws IOException {
        List<IdPatch> out = new ArrayList<>();
        AvroSerializer<ScoreRequest> serializer = new AvroSerializer<>(ScoreRequest.class);
        try (MnistSource test = MnistSource.fromCache(MnistSplit.TEST, DigitSet.all())) {
            for (Item item = test.next(); item != null && out.size() < 1000; item = test.next()) {
                List<Float> data = new ArrayList<>(item.data().length);
                for (float v : item.data()) {
                    data.add(v);
                }
                out.add(new IdPatch(serializer.serialize(
                        topic,
                        ScoreRequest.newBuilder()
                                .setId(IdPatch.PLACEHOLDER)
                                .setMemorySet(SET)
                                .setShape(List.of(28, 28))
                                .setData(data)
                                .setTimestamp(Instant.now())
                                .build())));
            }
        }
        return out;
    }

    /**
     * Fills the set's memory (capacity 256) and gives it enough held-out references for the novelty
     * score ({@code memory.reference.share} of the exemplars go there), so the bench times the full score.
     */
    private static void loadMemory(KafkaRuntime kafka, Settings settings, ScorerService scorer) throws Exception {
        try (ItemProducer<?> producer = ItemProducer.create(
                        kafka.connection(), kafka.topics(), RecordKind.EXEMPLARS, SET, 784, Clock.systemUTC());
                MnistSource train = MnistSource.fromCache(MnistSplit.TRAIN, DigitSet.all())) {
            for (int i = 0; i < EXEMPLARS; i++) {
                producer.send(train.next());
            }
            producer.flush();
        }
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        String seen = "no state";
        while (System.nanoTime() < deadline) {
            try {
                long memory = offered(MemoryView.query(scorer.streams(), scorer.memoryConfig()));
                long references = offered(MemoryView.queryReferences(scorer.streams(), scorer.memoryConfig()));
                if (memory + references == EXEMPLARS) {
                    LOG.info(
                            "{} exemplars went to memory (it keeps {}), {} to the references", memory, 256, references);
                    return;
                }
                seen = memory + " in memory and " + references + " references of " + EXEMPLARS + " exemplars";
            } catch (RuntimeException notReadyYet) {
                // The streams app is still starting; ask again.
                seen = notReadyYet.toString();
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the exemplars did not arrive within 2 minutes (last seen: " + seen + ")");
    }

    private static long offered(MemoryView view) {
        return view.state(SET).map(s -> s.getOffered()).orElse(0L);
    }

    private static void awaitAssignment(KafkaConsumer<String, byte[]> consumer) {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (consumer.assignment().isEmpty() && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(100));
        }
    }

    private static void warmUp(
            KafkaProducer<String, byte[]> producer,
            KafkaConsumer<String, byte[]> consumer,
            String topic,
            List<IdPatch> payloads,
            int count) {
        for (int i = 0; i < count; i++) {
            producer.send(new ProducerRecord<>(
                    topic, SET, payloads.get(i % payloads.size()).withId("warmup", i)));
        }
        producer.flush();
        int seen = 0;
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (seen < count && System.nanoTime() < deadline) {
            seen += consumer.poll(Duration.ofMillis(100)).count();
        }
    }
}
