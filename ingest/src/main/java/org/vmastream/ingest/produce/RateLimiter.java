package org.vmastream.ingest.produce;

import java.util.function.LongSupplier;

/**
 * Paces records to a rate, as a token bucket holding a tenth of a second's worth of records (at least one), kept
 * in integer nanoseconds as the earliest time the next record may go (the "virtual scheduling" form of the
 * bucket, exact where fractional tokens would drift). Sleeping is coarse (a millisecond or more per sleep); the
 * bucket absorbs that, so high rates are held on average, while its small size keeps a stall (a broker blocking
 * sends) from being followed by a long burst. Not thread-safe.
 */
public final class RateLimiter {
    private static final double NANOS_PER_SECOND = 1e9;
    private static final long BURST_NANOS = 100_000_000L;

    private final boolean unlimited;
    private final long interval;
    private final long allowance;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;
    private long next;

    /**
     * @param perSecond records per second; 0 for no limit
     * @param nanoTime  a monotonic clock in nanoseconds, e.g. {@code System::nanoTime}
     * @param sleeper   how to wait
     * @throws IllegalArgumentException if the rate is negative or not finite
     */
    public RateLimiter(double perSecond, LongSupplier nanoTime, Sleeper sleeper) {
        if (!(perSecond >= 0) || Double.isInfinite(perSecond)) {
            throw new IllegalArgumentException(
                    "a rate must be a number of records per second, 0 for no limit, not " + perSecond);
        }
        this.interval = perSecond == 0 ? 0 : Math.round(NANOS_PER_SECOND / perSecond);
        this.unlimited = interval == 0;
        this.allowance = Math.max(0, BURST_NANOS - interval);
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
        this.next = nanoTime.getAsLong();
    }

    /** A limiter on the system clock; {@code perSecond} 0 for no limit. */
    public static RateLimiter perSecond(double perSecond) {
        return new RateLimiter(perSecond, System::nanoTime, Sleeper.SYSTEM);
    }

    /**
     * Returns when the next record may go, sleeping as long as needed.
     *
     * @throws InterruptedException if the thread is interrupted while sleeping
     */
    public void acquire() throws InterruptedException {
        if (unlimited) {
            return;
        }
        long now = nanoTime.getAsLong();
        // Time left unused beyond the bucket's size is forfeited: a pause buys at most one burst.
        next = Math.max(next, now - allowance);
        while (next > now) {
            sleeper.sleep(next - now);
            now = nanoTime.getAsLong();
        }
        next += interval;
    }
}
