package org.vmastream.ingest.produce;

import java.util.concurrent.TimeUnit;

/** Waits; an interface so that the pacing of {@link RateLimiter} can be tested without waiting. */
@FunctionalInterface
public interface Sleeper {
    /** Sleeps on the calling thread. */
    Sleeper SYSTEM = TimeUnit.NANOSECONDS::sleep;

    /**
     * @param nanos how long, at least 1
     * @throws InterruptedException if the thread is interrupted meanwhile
     */
    void sleep(long nanos) throws InterruptedException;
}
