package org.vmastream.dashboard;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import org.vmastream.schemas.Address;
import org.vmastream.schemas.Score;
import org.vmastream.schemas.ScoreRequest;
import org.vmastream.scorer.batch.ScorerListener;

/**
 * What the dashboard shows, gathered from the scorer as it scores: per-second means of KL(a),
 * KL(z), the bound, novelty and the flag rate against its target (the last ten minutes), the most recent events with their
 * pixels and top addresses, and how many scores each model version produced. Written by the
 * stream thread, read by the HTTP thread.
 */
public final class DashboardFeed implements ScorerListener {
    private static final int SECONDS_KEPT = 600;
    private static final int RECENT_KEPT = 6;

    /** Means over one second of scores; novelty and the target rate are null when no score of the second had one. */
    public record Point(
            long t,
            long events,
            double klAddress,
            double klLatent,
            double bound,
            double anomalyRate,
            Double novelty,
            Double targetRate) {}

    /** One recently scored event. */
    public record RecentEvent(
            String eventId,
            String memorySet,
            double bound,
            boolean anomaly,
            List<Float> pixels,
            List<Integer> shape,
            List<Address> top) {}

    /**
     * A table an application that knows more than the scorer (such as the true labels of the events it
     * sent) hands to the dashboard to show beside the live charts.
     *
     * @param title   what the table shows
     * @param columns column headings
     * @param rows    cells, row by row, as they should read
     * @param note    a line under the table, or empty
     */
    public record Evaluation(String title, List<String> columns, List<List<String>> rows, String note) {
        public Evaluation {
            columns = List.copyOf(columns);
            rows = rows.stream().map(List::copyOf).toList();
        }
    }

    private final LongSupplier clock;
    private volatile Evaluation evaluation;
    private final Deque<Bucket> buckets = new ArrayDeque<>();
    private final Deque<RecentEvent> recent = new ArrayDeque<>();
    private final Map<Long, Long> versions = new TreeMap<>();
    private long total;

    private static final class Bucket {
        final long second;
        long events;
        double klAddress;
        double klLatent;
        double bound;
        long anomalies;
        double novelty;
        long calibrated;
        Double targetRate;

        Bucket(long second) {
            this.second = second;
        }

        Point point() {
            return new Point(
                    second * 1000,
                    events,
                    klAddress / events,
                    klLatent / events,
                    bound / events,
                    (double) anomalies / events,
                    calibrated == 0 ? null : novelty / calibrated,
                    targetRate);
        }
    }

    /** @param clock milliseconds since the epoch */
    public DashboardFeed(LongSupplier clock) {
        this.clock = clock;
    }

    @Override
    public synchronized void scored(ScoreRequest event, Score score) {
        long second = clock.getAsLong() / 1000;
        Bucket bucket = buckets.peekLast();
        if (bucket == null || bucket.second != second) {
            bucket = new Bucket(second);
            buckets.addLast(bucket);
            while (buckets.size() > SECONDS_KEPT) {
                buckets.removeFirst();
            }
        }
        bucket.events++;
        bucket.klAddress += score.getKlAddress();
        bucket.klLatent += score.getKlLatent();
        bucket.bound += score.getBound();
        bucket.anomalies += score.getAnomaly() ? 1 : 0;
        if (score.getNovelty() != null) {
            bucket.novelty += score.getNovelty();
            bucket.calibrated++;
        }
        if (score.getAnomalyRate() != null) {
            bucket.targetRate = score.getAnomalyRate();
        }
        total++;
        versions.merge(score.getModelVersion(), 1L, Long::sum);
        // The decoded event is not used after scoring: keep its values as they are (no copy on the stream thread).
        recent.addFirst(new RecentEvent(
                score.getEventId(),
                score.getMemorySet(),
                score.getBound(),
                score.getAnomaly(),
                event.getData(),
                event.getShape(),
                score.getTopAddresses()));
        while (recent.size() > RECENT_KEPT) {
            recent.removeLast();
        }
    }

    /** Per-second means, oldest first. */
    public synchronized List<Point> series() {
        List<Point> out = new ArrayList<>(buckets.size());
        buckets.forEach(b -> out.add(b.point()));
        return out;
    }

    /** Scores per second over the last {@code seconds} complete seconds. */
    public synchronized double eventsPerSecond(int seconds) {
        long now = clock.getAsLong() / 1000;
        long events = buckets.stream()
                .filter(b -> b.second < now && b.second >= now - seconds)
                .mapToLong(b -> b.events)
                .sum();
        return (double) events / seconds;
    }

    public synchronized long total() {
        return total;
    }

    /** Newest first. */
    public synchronized List<RecentEvent> recent() {
        return List.copyOf(recent);
    }

    /** Shows {@code table} on the dashboard from now on, in place of the previous one. */
    public void setEvaluation(Evaluation table) {
        this.evaluation = table;
    }

    /** The table last handed over, or null. */
    public Evaluation evaluation() {
        return evaluation;
    }

    /** Scores per model version. */
    public synchronized Map<Long, Long> versions() {
        return new TreeMap<>(versions);
    }
}
