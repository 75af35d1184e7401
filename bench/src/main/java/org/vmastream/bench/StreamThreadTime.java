package org.vmastream.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Where the scorer's stream threads spend a benchmark phase: the cumulative Kafka Streams thread
 * counters (commits, polls, punctuations) and the transactional producer's time counters, read at
 * the start and the end of the phase. Latency under exactly-once is set by how often and how long
 * the thread commits, so a phase's percentiles are reported next to these.
 */
final class StreamThreadTime {
    private static final Set<String> COUNTERS = Set.of("commit-total", "poll-total", "punctuate-total");
    /** A commit's steps in the order the producer takes them. */
    private static final List<String> NANOS = List.of(
            "flush-time-ns-total",
            "txn-send-offsets-time-ns-total",
            "txn-commit-time-ns-total",
            "txn-begin-time-ns-total");

    private final Supplier<Map<MetricName, ? extends Metric>> metrics;
    private final Map<String, Double> start;

    StreamThreadTime(Supplier<Map<MetricName, ? extends Metric>> metrics) {
        this.metrics = metrics;
        this.start = totals(metrics.get());
    }

    /** Starts a phase of a streams application. */
    static StreamThreadTime start(KafkaStreams streams) {
        return new StreamThreadTime(streams::metrics);
    }

    /**
     * One line on the phase so far: commits per second and the share of wall time each transaction step took.
     *
     * @param seconds how long the phase has run
     */
    String summary(double seconds) {
        Map<String, Double> end = totals(metrics.get());
        double commits = delta(end, "commit-total");
        StringBuilder line = new StringBuilder(String.format(
                Locale.ROOT,
                "stream threads: %.1f commits/s, %.1f polls/s, %.1f punctuations/s",
                commits / seconds,
                delta(end, "poll-total") / seconds,
                delta(end, "punctuate-total") / seconds));
        for (String name : NANOS) {
            double millis = delta(end, name) / 1e6;
            line.append(String.format(
                    Locale.ROOT,
                    "; %s %.1f%% of the time (%.2f ms per commit)",
                    name.replace("-time-ns-total", ""),
                    millis / (10 * seconds),
                    commits == 0 ? 0 : millis / commits));
        }
        return line.toString();
    }

    private double delta(Map<String, Double> end, String name) {
        return end.getOrDefault(name, 0.0) - start.getOrDefault(name, 0.0);
    }

    /** Sums each counter over the stream threads and their producers. */
    private static Map<String, Double> totals(Map<MetricName, ? extends Metric> metrics) {
        Map<String, Double> totals = new TreeMap<>();
        for (Map.Entry<MetricName, ? extends Metric> entry : metrics.entrySet()) {
            MetricName name = entry.getKey();
            boolean threadCounter = name.group().equals("stream-thread-metrics") && COUNTERS.contains(name.name());
            boolean producerTime = name.group().equals("producer-metrics") && NANOS.contains(name.name());
            if ((threadCounter || producerTime) && entry.getValue().metricValue() instanceof Number value) {
                totals.merge(name.name(), value.doubleValue(), Double::sum);
            }
        }
        return totals;
    }
}
