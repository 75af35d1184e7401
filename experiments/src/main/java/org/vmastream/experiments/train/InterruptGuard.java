package org.vmastream.experiments.train;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Turns Ctrl-C (SIGINT, or any other JVM shutdown) into a request that the training loop honours
 * between steps: the shutdown hook raises a flag, then holds the JVM up, for at most a grace
 * period, until the loop has finished its step and saved checkpoint, curve and plot and the
 * guard is closed. Without it the JVM would stop mid-step and lose everything since the last
 * periodic checkpoint.
 */
public final class InterruptGuard implements AutoCloseable {
    private final AtomicBoolean stop = new AtomicBoolean();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;

    private InterruptGuard(Duration grace) {
        this.hook = new Thread(
                () -> {
                    stop.set(true);
                    System.err.printf(
                            "%nInterrupted: finishing the current step and saving a checkpoint (waiting up to %d s)%n",
                            grace.toSeconds());
                    try {
                        finished.await(grace.toMillis(), TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "vma-interrupt");
    }

    /** Registers the shutdown hook. */
    public static InterruptGuard install(Duration grace) {
        InterruptGuard guard = new InterruptGuard(grace);
        Runtime.getRuntime().addShutdownHook(guard.hook);
        return guard;
    }

    /** Whether the JVM is shutting down and the loop should stop after its current step. */
    public boolean stopRequested() {
        return stop.get();
    }

    /** Releases a waiting shutdown, or, if none began, removes the hook. */
    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running: it returns now that the latch is open, and the JVM exits.
        }
    }
}
