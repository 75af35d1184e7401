package org.vmastream.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.vmastream.schemas.Address;
import org.vmastream.schemas.Score;
import org.vmastream.schemas.ScoreRequest;

class DashboardFeedTest {
    private static ScoreRequest event(String id) {
        return ScoreRequest.newBuilder()
                .setId(id)
                .setMemorySet("s")
                .setShape(List.of(2, 2))
                .setData(List.of(0f, 1f, 1f, 0f))
                .setTimestamp(Instant.EPOCH)
                .build();
    }

    private static Score score(String id, long version, double bound, double klAddress, boolean anomaly) {
        return Score.newBuilder()
                .setEventId(id)
                .setMemorySet("s")
                .setModelVersion(version)
                .setMemoryVersion(1)
                .setMemorySize(3)
                .setBound(bound)
                .setK(4)
                .setReconstruction(bound)
                .setKlAddress(klAddress)
                .setKlLatent(2)
                .setTopAddresses(List.of(new Address("m1", "a", 0.9)))
                .setAnomaly(anomaly)
                .setAnomalyThreshold(-100)
                .setLatencyMillis(1)
                .setTimestamp(Instant.EPOCH)
                .build();
    }

    @Test
    void scoresBecomePerSecondMeansRecentEventsAndVersionCounts() {
        AtomicLong now = new AtomicLong(10_000);
        DashboardFeed feed = new DashboardFeed(now::get);
        feed.scored(event("e0"), score("e0", 1, -100, 1.0, false));
        feed.scored(event("e1"), score("e1", 1, -200, 3.0, true));
        now.set(11_500);
        for (int i = 2; i < 10; i++) {
            feed.scored(event("e" + i), score("e" + i, 2, -50, 0.5, false));
        }
        now.set(12_100);

        List<DashboardFeed.Point> series = feed.series();
        assertThat(series).hasSize(2);
        assertThat(series.get(0).t()).isEqualTo(10_000);
        assertThat(series.get(0).bound()).isEqualTo(-150);
        assertThat(series.get(0).klAddress()).isEqualTo(2.0);
        assertThat(series.get(0).anomalyRate()).isEqualTo(0.5);
        assertThat(series.get(1).events()).isEqualTo(8);
        assertThat(feed.total()).isEqualTo(10);
        assertThat(feed.eventsPerSecond(2)).isEqualTo(5.0);
        assertThat(feed.recent())
                .extracting(DashboardFeed.RecentEvent::eventId)
                .containsExactly("e9", "e8", "e7", "e6", "e5", "e4");
        assertThat(feed.recent().get(0).pixels()).containsExactly(0f, 1f, 1f, 0f);
        assertThat(feed.versions()).containsEntry(1L, 2L).containsEntry(2L, 8L);
    }
}
