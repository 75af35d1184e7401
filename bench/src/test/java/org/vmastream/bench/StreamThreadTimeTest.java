package org.vmastream.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.junit.jupiter.api.Test;

class StreamThreadTimeTest {
    private final Map<MetricName, Metric> metrics = new HashMap<>();

    private void set(String group, String name, String client, double value) {
        MetricName key = new MetricName(name, group, "", Map.of("client-id", client));
        metrics.put(key, new Metric() {
            @Override
            public MetricName metricName() {
                return key;
            }

            @Override
            public Object metricValue() {
                return value;
            }
        });
    }

    @Test
    void reportsThePhaseOnlySummedOverThreadsAndProducers() {
        set("stream-thread-metrics", "commit-total", "thread-1", 100);
        set("stream-thread-metrics", "commit-total", "thread-2", 50);
        set("stream-thread-metrics", "poll-total", "thread-1", 1000);
        set("stream-thread-metrics", "punctuate-total", "thread-1", 7);
        set("producer-metrics", "flush-time-ns-total", "thread-1-producer", 1e9);
        set("producer-metrics", "txn-send-offsets-time-ns-total", "thread-1-producer", 0);
        set("producer-metrics", "txn-commit-time-ns-total", "thread-1-producer", 0);
        set("producer-metrics", "txn-begin-time-ns-total", "thread-1-producer", 0);
        set("consumer-metrics", "commit-total", "thread-1-consumer", 5);
        StreamThreadTime time = new StreamThreadTime(() -> metrics);

        set("stream-thread-metrics", "commit-total", "thread-1", 120);
        set("stream-thread-metrics", "commit-total", "thread-2", 50);
        set("stream-thread-metrics", "poll-total", "thread-1", 1500);
        set("producer-metrics", "flush-time-ns-total", "thread-1-producer", 1e9 + 60e6);
        set("producer-metrics", "txn-commit-time-ns-total", "thread-1-producer", 20e6);
        set("consumer-metrics", "commit-total", "thread-1-consumer", 500);

        // 20 commits, 500 polls and no punctuation in 2 s; flush took 60 ms (3% of 2 s, 3 ms per commit).
        assertThat(time.summary(2.0))
                .isEqualTo("stream threads: 10.0 commits/s, 250.0 polls/s, 0.0 punctuations/s"
                        + "; flush 3.0% of the time (3.00 ms per commit)"
                        + "; txn-send-offsets 0.0% of the time (0.00 ms per commit)"
                        + "; txn-commit 1.0% of the time (1.00 ms per commit)"
                        + "; txn-begin 0.0% of the time (0.00 ms per commit)");
    }
}
