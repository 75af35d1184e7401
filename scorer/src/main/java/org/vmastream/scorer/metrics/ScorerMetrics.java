package org.vmastream.scorer.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.vmastream.memory.store.MemoryWriter;
import org.vmastream.memory.update.MemoryUpdateListener;
import org.vmastream.schemas.Score;
import org.vmastream.schemas.ScoreRequest;
import org.vmastream.scorer.batch.ScorerListener;
import org.vmastream.scorer.model.ModelRegistry;

/**
 * The scorer's and memory store's Micrometer meters: events, batch sizes and times, processing
 * latency percentiles, the distributions of -L_K, KL(a), KL(z), reconstruction cost and address entropy
 * per memory set (how memory is used: e^KL(a) is roughly how many entries one read tells apart, and
 * the share of reads that go to the ten most read entries),
 * anomalies against their target rate, novelty and p-values, memory size, inserts and evictions, dead letters by reason, and the model version in
 * use. Meters per memory set are created on first use and cached.
 */
public final class ScorerMetrics implements ScorerListener, MemoryUpdateListener {
    private final MeterRegistry registry;
    private final DistributionSummary batchSize;
    private final Timer batchTime;
    private final Timer latency;
    private final Map<String, SetMeters> sets = new ConcurrentHashMap<>();
    private final Map<String, Counter> deadLetters = new ConcurrentHashMap<>();
    private final Map<String, Counter> memoryChanges = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> referenceCounts = new ConcurrentHashMap<>();

    /** Meters of one memory set's scores. */
    private record SetMeters(
            Counter events,
            Counter anomalies,
            DistributionSummary surprise,
            DistributionSummary klAddress,
            DistributionSummary klLatent,
            DistributionSummary reconstructionCost,
            DistributionSummary entropy,
            DistributionSummary readsTelling,
            AtomicLong memorySize,
            TopReads topReads,
            DistributionSummary novelty,
            DistributionSummary pValue,
            AtomicReference<Double> targetRate) {}

    /**
     * How concentrated reads are: counts of each entry being an event's most probable address, and
     * the share of the ten most read entries. Bounded: counting restarts past {@value #MAX_ENTRIES} ids.
     */
    private static final class TopReads {
        private static final int MAX_ENTRIES = 50_000;
        private final Map<String, Long> counts = new java.util.HashMap<>();
        private long total;

        synchronized void add(String id) {
            if (counts.size() >= MAX_ENTRIES && !counts.containsKey(id)) {
                counts.clear();
                total = 0;
            }
            counts.merge(id, 1L, Long::sum);
            total++;
        }

        synchronized double topTenShare() {
            if (total == 0) {
                return Double.NaN;
            }
            long top = counts.values().stream()
                    .sorted(java.util.Comparator.reverseOrder())
                    .limit(10)
                    .mapToLong(Long::longValue)
                    .sum();
            return (double) top / total;
        }
    }

    public ScorerMetrics(MeterRegistry registry, ModelRegistry models) {
        this.registry = registry;
        this.batchSize = DistributionSummary.builder("vma.scorer.batch.size")
                .description("events scored in one pass")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
        this.batchTime = Timer.builder("vma.scorer.batch.time")
                .description("time to score one batch")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
        this.latency = Timer.builder("vma.scorer.latency")
                .description("from an event's arrival at the scorer to its score")
                .publishPercentiles(0.5, 0.95, 0.99)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry);
        Gauge.builder(
                        "vma.scorer.model.version",
                        models,
                        m -> m.current().map(s -> (double) s.version()).orElse(-1.0))
                .description("model version the scorer uses now")
                .register(registry);
    }

    @Override
    public void batchScored(String memorySet, int size, long nanos) {
        batchSize.record(size);
        batchTime.record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void scored(ScoreRequest event, Score score) {
        SetMeters meters = sets.computeIfAbsent(score.getMemorySet(), this::setMeters);
        meters.events().increment();
        if (score.getAnomaly()) {
            meters.anomalies().increment();
        }
        // Micrometer drops negative samples: bounds and log-likelihoods are recorded negated, as costs.
        meters.surprise().record(-score.getBound());
        meters.klAddress().record(score.getKlAddress());
        meters.klLatent().record(score.getKlLatent());
        meters.reconstructionCost().record(-score.getReconstruction());
        meters.readsTelling().record(Math.exp(score.getKlAddress()));
        if (score.getAddressEntropy() != null) {
            meters.entropy().record(score.getAddressEntropy());
        }
        meters.memorySize().set(score.getMemorySize());
        if (score.getNovelty() != null) {
            meters.novelty().record(Math.max(0, score.getNovelty()));
        }
        if (score.getPValue() != null) {
            meters.pValue().record(score.getPValue());
        }
        meters.targetRate().set(score.getAnomalyRate() == null ? Double.NaN : score.getAnomalyRate());
        if (!score.getTopAddresses().isEmpty()) {
            meters.topReads().add(score.getTopAddresses().get(0).getExemplarId());
        }
        latency.record(Math.round(score.getLatencyMillis() * 1e6), TimeUnit.NANOSECONDS);
    }

    @Override
    public void referencesScored(String memorySet, int count, long modelVersion) {
        Counter.builder("vma.references.scorings")
                .description("times a memory set's references were scored (again):"
                        + " at a new model version, or when memory or the reference pool changed enough")
                .tag("memorySet", memorySet)
                .register(registry)
                .increment();
        referenceCount(memorySet).set(count);
    }

    private AtomicLong referenceCount(String set) {
        return referenceCounts.computeIfAbsent(set, s -> {
            AtomicLong count = new AtomicLong();
            Gauge.builder("vma.references.size", count, AtomicLong::get)
                    .description("references the set's p-values were last calibrated on")
                    .tag("memorySet", s)
                    .register(registry);
            return count;
        });
    }

    @Override
    public void deadLettered(String errorType) {
        deadLetters
                .computeIfAbsent(
                        errorType,
                        type -> Counter.builder("vma.deadletters")
                                .description("records sent to the dead-letter topic, by reason")
                                .tag("reason", type)
                                .register(registry))
                .increment();
    }

    @Override
    public void inserted(String set, MemoryWriter.Outcome outcome) {
        memoryChange(set, outcome.name().toLowerCase(Locale.ROOT));
        if (outcome == MemoryWriter.Outcome.ADDED_WITH_EVICTION) {
            memoryChange(set, "evicted");
        }
    }

    @Override
    public void deleted(String set, boolean existed) {
        if (existed) {
            memoryChange(set, "deleted");
        }
    }

    @Override
    public void cleared(String set, int removed) {
        memoryChange(set, "cleared");
    }

    private void memoryChange(String set, String change) {
        memoryChanges
                .computeIfAbsent(
                        set + '\0' + change,
                        key -> Counter.builder("vma.memory.changes")
                                .description(
                                        "changes to a memory set: added, updated, added_with_eviction, evicted, declined, deleted, cleared")
                                .tags("memorySet", set, "change", change)
                                .register(registry))
                .increment();
    }

    private SetMeters setMeters(String set) {
        AtomicLong size = new AtomicLong();
        Gauge.builder("vma.memory.size", size, AtomicLong::get)
                .description("exemplars in the memory set at the last score")
                .tag("memorySet", set)
                .register(registry);
        TopReads topReads = new TopReads();
        Gauge.builder("vma.memory.reads.top10.share", topReads, TopReads::topTenShare)
                .description("share of events whose most probable address is one of the ten most read entries")
                .tag("memorySet", set)
                .register(registry);
        AtomicReference<Double> targetRate = new AtomicReference<>(Double.NaN);
        Gauge.builder("vma.score.anomaly.rate.target", targetRate, AtomicReference::get)
                .description("false-alarm rate the last score's flag was decided at (NaN: by the fixed threshold);"
                        + " compare with the rate of vma.score.anomalies over vma.score.events")
                .tag("memorySet", set)
                .register(registry);
        return new SetMeters(
                counter("vma.score.events", "events scored", set),
                counter("vma.score.anomalies", "events flagged as anomalies", set),
                summary("vma.score.surprise", "-L_K, minus the bound on log p(x|memory): the anomaly score, nats", set),
                summary("vma.score.kl.address", "KL(q(a|x) || p(a)), nats: information one memory read carries", set),
                summary("vma.score.kl.latent", "KL of the latent code given the address, nats", set),
                summary("vma.score.reconstruction.cost", "minus the expected reconstruction log-likelihood, nats", set),
                summary("vma.score.address.entropy", "entropy of q(a|x), nats", set),
                summary("vma.score.entries.told.apart", "e^KL(a): roughly how many entries one read tells apart", set),
                size,
                topReads,
                summary(
                        "vma.score.novelty",
                        "novelty on the set's reference scale, in reference IQRs above the"
                                + " references' median (values below 0 are recorded as 0)",
                        set),
                summary("vma.score.p.value", "conformal p-value of novelty against the set's references", set),
                targetRate);
    }

    private Counter counter(String name, String description, String set) {
        return Counter.builder(name)
                .description(description)
                .tag("memorySet", set)
                .register(registry);
    }

    private DistributionSummary summary(String name, String description, String set) {
        return DistributionSummary.builder(name)
                .description(description)
                .tag("memorySet", set)
                .publishPercentiles(0.5, 0.95)
                .register(registry);
    }
}
