package org.vmastream.launcher.demo;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vmastream.ingest.produce.ItemProducer;
import org.vmastream.ingest.produce.RateLimiter;
import org.vmastream.ingest.produce.RecordKind;
import org.vmastream.ingest.source.Item;
import org.vmastream.ingest.source.ItemSource;
import org.vmastream.runtime.kafka.KafkaConnection;
import org.vmastream.runtime.kafka.TopicNames;

/**
 * Sends items of a data set to a topic on its own thread, at a rate, as exemplars or events of one
 * memory set, remembering each event's true label for the summary. It can start over at the end
 * of the data set, so a long-running demo keeps streaming.
 */
final class DemoFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DemoFeed.class);
    private static final int MNIST_VALUES = 784;

    private final Supplier<ItemSource> sources;
    private final ItemProducer<?> producer;
    private final RateLimiter rate;
    private final long limit;
    private final boolean repeat;
    private final Map<String, String> trueLabels;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong sent = new AtomicLong();
    private final Thread thread;

    /**
     * @param sources    opens a fresh pass over the data
     * @param perSecond  rate (0: as fast as the producer takes them)
     * @param limit      items to send in total (0: no limit)
     * @param repeat     start over at the end of the data
     * @param trueLabels filled with id to label of every item sent
     */
    DemoFeed(
            Supplier<ItemSource> sources,
            KafkaConnection connection,
            TopicNames topics,
            RecordKind kind,
            String memorySet,
            double perSecond,
            long limit,
            boolean repeat,
            Map<String, String> trueLabels) {
        this.sources = sources;
        this.producer = ItemProducer.create(connection, topics, kind, memorySet, MNIST_VALUES, Clock.systemUTC());
        this.rate = RateLimiter.perSecond(perSecond);
        this.limit = limit;
        this.repeat = repeat;
        this.trueLabels = trueLabels;
        this.thread = new Thread(this::run, "vma-demo-" + kind.name().toLowerCase(java.util.Locale.ROOT));
        this.thread.setDaemon(true);
    }

    /** Starts sending on the feed's own thread. */
    void start() {
        thread.start();
    }

    private void run() {
        try {
            do {
                try (ItemSource source = sources.get()) {
                    for (Item item = source.next(); item != null && running.get(); item = source.next()) {
                        if (limit > 0 && sent.get() >= limit) {
                            return;
                        }
                        rate.acquire();
                        trueLabels.put(item.id(), item.label());
                        producer.send(item);
                        sent.incrementAndGet();
                    }
                }
            } while (repeat && running.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.error("the demo's feed to {} stopped", producer.topic(), e);
        } finally {
            producer.flush();
        }
    }

    long sent() {
        return sent.get();
    }

    /** Stops sending, waits for the thread (it flushes what it sent), then closes the producer. */
    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(10_000);
        producer.close();
    }
}
