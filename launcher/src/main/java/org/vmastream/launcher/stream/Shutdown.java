package org.vmastream.launcher.stream;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Blocks a long-running command until Ctrl-C (or a time limit), so that its resources close in order. */
public final class Shutdown {
    private final CountDownLatch signal = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;

    public Shutdown() {
        this.hook = new Thread(
                () -> {
                    signal.countDown();
                    try {
                        // Give the command time to close its streams and broker before the JVM exits.
                        finished.await(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "vma-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Waits for Ctrl-C, or at most {@code limit} (null: no limit). Returns true when interrupted by Ctrl-C. */
    public boolean await(Duration limit) throws InterruptedException {
        if (limit == null) {
            signal.await();
            return true;
        }
        return signal.await(limit.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether Ctrl-C was pressed. */
    public boolean requested() {
        return signal.getCount() == 0;
    }

    /** Tells the hook that everything is closed (call last, in a finally). */
    public void finished() {
        finished.countDown();
        if (!requested()) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // The JVM is exiting anyway.
            }
        }
    }
}
