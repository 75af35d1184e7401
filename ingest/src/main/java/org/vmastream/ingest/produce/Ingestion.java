package org.vmastream.ingest.produce;

import java.io.IOException;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.vmastream.ingest.source.Item;
import org.vmastream.ingest.source.ItemSource;
import org.vmastream.ingest.source.SkipReason;
import org.vmastream.ingest.source.Skips;

/**
 * One run: reads items from a source and sends them, paced, until the source is exhausted, the limit is reached
 * or a delivery fails. A failed delivery has already outlived the producer's retries, so the broker is gone or
 * refuses the records and the rest would fail too: the run stops instead of waiting out every one of them.
 * Rerunning is safe, as the ids are stable.
 */
public final class Ingestion {
    private final ItemSource source;
    private final Skips skips;
    private final ItemProducer<?> producer;
    private final RateLimiter rateLimiter;
    private final long limit;
    private final int maxValues;
    private final LongSupplier nanoTime;

    /**
     * @param source      the items; not closed here
     * @param skips       the skips the source records into; oversized items are added here
     * @param producer    where items go; flushed but not closed here
     * @param rateLimiter paces the sends
     * @param limit       the most items to send
     * @param maxValues   items with more values are skipped (a memory would refuse them)
     * @param nanoTime    a monotonic clock for the elapsed time
     */
    public Ingestion(
            ItemSource source,
            Skips skips,
            ItemProducer<?> producer,
            RateLimiter rateLimiter,
            long limit,
            int maxValues,
            LongSupplier nanoTime) {
        this.source = source;
        this.skips = skips;
        this.producer = producer;
        this.rateLimiter = rateLimiter;
        this.limit = limit;
        this.maxValues = maxValues;
        this.nanoTime = nanoTime;
    }

    /**
     * @param progress shows the inputs read; not closed here
     * @return what was sent and skipped
     * @throws IOException          if the source cannot be read on
     * @throws InterruptedException if interrupted while pacing
     */
    public IngestSummary run(Progress progress) throws IOException, InterruptedException {
        long start = nanoTime.getAsLong();
        long handedOver = 0;
        while (handedOver < limit && producer.failed() == 0) {
            Item item = source.next();
            if (item == null) {
                break;
            }
            if (item.data().length > maxValues) {
                skips.record(
                        item.id(),
                        SkipReason.TOO_LARGE,
                        item.data().length + " values, more than the " + maxValues + " of memory.max.values");
            } else {
                rateLimiter.acquire();
                producer.send(item);
                handedOver++;
            }
            progress.update(handedOver + skips.total(), skips.total());
        }
        producer.flush();
        Exception failure = producer.firstFailure();
        return new IngestSummary(
                producer.topic(),
                producer.delivered(),
                producer.failed(),
                failure == null ? null : failure.toString(),
                skips.counts(),
                skips.examples(),
                Duration.ofNanos(nanoTime.getAsLong() - start));
    }
}
