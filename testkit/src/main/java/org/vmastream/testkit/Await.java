package org.vmastream.testkit;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits in tests that fail with what they waited for, rather than loops that fall through silently
 * when time runs out and leave the next assertion to fail for an unclear reason.
 */
public final class Await {
    private static final Duration POLL = Duration.ofMillis(20);

    private Await() {}

    /**
     * Returns as soon as {@code condition} holds.
     *
     * @throws AssertionError naming {@code description} if it does not hold within {@code timeout}
     */
    public static void until(String description, Duration timeout, BooleanSupplier condition) {
        value(description, timeout, () -> condition.getAsBoolean() ? Optional.of(Boolean.TRUE) : Optional.empty());
    }

    /**
     * The first value {@code probe} offers.
     *
     * @throws AssertionError naming {@code description} if it offers none within {@code timeout}
     */
    public static <T> T value(String description, Duration timeout, Supplier<Optional<T>> probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value.get();
            }
            if (System.nanoTime() >= deadline) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + description);
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + description, e);
            }
        }
    }
}
