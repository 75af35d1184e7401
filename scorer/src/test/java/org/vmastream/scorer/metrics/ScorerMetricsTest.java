package org.vmastream.scorer.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vmastream.memory.store.MemoryWriter;
import org.vmastream.runtime.http.HttpService;
import org.vmastream.runtime.metrics.MetricsRegistry;
import org.vmastream.schemas.Address;
import org.vmastream.schemas.Score;
import org.vmastream.scorer.ScoringFixtures;
import org.vmastream.scorer.model.ModelRegistry;

class ScorerMetricsTest {
    private static Score score(String set, double bound, double klAddress, boolean anomaly) {
        return Score.newBuilder()
                .setEventId("e")
                .setMemorySet(set)
                .setModelVersion(3)
                .setMemoryVersion(1)
                .setMemorySize(40)
                .setBound(bound)
                .setK(4)
                .setReconstruction(bound + 10)
                .setKlAddress(klAddress)
                .setKlLatent(5)
                .setTopAddresses(List.of(new Address(bound < -100 ? "m2" : "m1", null, 0.5)))
                .setAnomaly(anomaly)
                .setAnomalyThreshold(-100)
                .setLatencyMillis(12)
                .setTimestamp(Instant.now())
                .setAddressEntropy(1.0)
                .build();
    }

    private static Score read(String set, String id) {
        Score score = score(set, -90, 1, false);
        score.setTopAddresses(List.of(new Address(id, null, 0.5)));
        return score;
    }

    @Test
    void scoresMemoryChangesAndDeadLettersBecomeMetersPerMemorySet() throws Exception {
        PrometheusMeterRegistry registry = MetricsRegistry.create("test");
        ModelRegistry models = new ModelRegistry();
        models.offer(ScoringFixtures.model(3, 1));
        ScorerMetrics metrics = new ScorerMetrics(registry, models);
        metrics.scored(null, score("a", -90, Math.log(4), false));
        metrics.scored(null, score("a", -130, Math.log(16), true));
        metrics.scored(null, score("b", -80, 0, false));
        metrics.batchScored("a", 2, 5_000_000);
        metrics.deadLettered("WRONG_DIMENSION");
        metrics.deadLettered("WRONG_DIMENSION");
        metrics.inserted("a", MemoryWriter.Outcome.ADDED_WITH_EVICTION);

        assertThat(registry.get("vma.score.events")
                        .tag("memorySet", "a")
                        .counter()
                        .count())
                .isEqualTo(2);
        assertThat(registry.get("vma.score.anomalies")
                        .tag("memorySet", "a")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get("vma.score.surprise")
                        .tag("memorySet", "a")
                        .summary()
                        .mean())
                .isEqualTo(110);
        assertThat(registry.get("vma.score.reconstruction.cost")
                        .tag("memorySet", "a")
                        .summary()
                        .mean())
                .isEqualTo(100);
        assertThat(registry.get("vma.score.entries.told.apart")
                        .tag("memorySet", "a")
                        .summary()
                        .mean())
                .isCloseTo(10, within(1e-9));
        assertThat(registry.get("vma.memory.size").tag("memorySet", "b").gauge().value())
                .isEqualTo(40);
        assertThat(registry.get("vma.memory.reads.top10.share")
                        .tag("memorySet", "a")
                        .gauge()
                        .value())
                .isEqualTo(1.0);
        // Twelve entries read once, one of them three times more: the ten most read hold 4 + 9 of 15 reads.
        for (int i = 0; i < 12; i++) {
            metrics.scored(null, read("c", "e" + i));
        }
        for (int i = 0; i < 3; i++) {
            metrics.scored(null, read("c", "e0"));
        }
        assertThat(registry.get("vma.memory.reads.top10.share")
                        .tag("memorySet", "c")
                        .gauge()
                        .value())
                .isCloseTo(13.0 / 15, within(1e-12));
        assertThat(registry.get("vma.deadletters")
                        .tag("reason", "WRONG_DIMENSION")
                        .counter()
                        .count())
                .isEqualTo(2);
        assertThat(registry.get("vma.memory.changes")
                        .tags("memorySet", "a", "change", "evicted")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get("vma.scorer.model.version").gauge().value()).isEqualTo(3);

        try (HttpService http = HttpService.start("127.0.0.1", 0)) {
            MetricsRegistry.serve(http, registry);
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(http.baseUrl() + "/metrics"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body())
                    .contains("vma_score_kl_address_sum{memorySet=\"a\",role=\"test\"}")
                    .contains("vma_scorer_latency_seconds_bucket")
                    .contains("jvm_memory_used_bytes");
        }
    }
}
