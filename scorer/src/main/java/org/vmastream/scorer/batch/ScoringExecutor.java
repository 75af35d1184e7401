package org.vmastream.scorer.batch;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.vmastream.model.nn.RowParallel;

/**
 * Where the scorer's batches are computed. With {@link #threads} a batch runs on a thread of its own
 * while the stream thread goes on polling, decoding, committing and forwarding the scores of the
 * batch before: Kafka's round trips and the model's arithmetic overlap instead of taking turns.
 * With {@link #callingThread} a batch is computed inside {@link #submit}, as a synchronous scorer
 * would (tests, single-threaded tools).
 */
public final class ScoringExecutor implements AutoCloseable {
    private final ExecutorService pool;

    private ScoringExecutor(ExecutorService pool) {
        this.pool = pool;
    }

    /**
     * A pool of {@code count} daemon threads shared by every scoring task of an instance; each task has
     * at most one batch in flight, so more threads than tasks buy nothing. A thread computes its batch
     * alone ({@link RowParallel#keepOnThisThread}): the stream thread and the broker need the other cores.
     */
    public static ScoringExecutor threads(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("scoring needs at least one thread, got " + count);
        }
        AtomicInteger next = new AtomicInteger();
        return new ScoringExecutor(Executors.newFixedThreadPool(count, runnable -> {
            Thread thread = new Thread(
                    () -> {
                        RowParallel.keepOnThisThread();
                        runnable.run();
                    },
                    "vma-scoring-" + next.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }));
    }

    /** Computes batches on {@code pool}, which {@link #close} shuts down. */
    public static ScoringExecutor on(ExecutorService pool) {
        return new ScoringExecutor(pool);
    }

    /** Computes each batch on the thread that submits it. */
    public static ScoringExecutor callingThread() {
        return new ScoringExecutor(null);
    }

    /** Starts {@code work}; its result (or failure) is the future's. */
    <T> Future<T> submit(Callable<T> work) {
        if (pool != null) {
            return pool.submit(work);
        }
        try {
            return CompletableFuture.completedFuture(work.call());
        } catch (Exception | Error e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Stops the threads after the batches already submitted. */
    @Override
    public void close() {
        if (pool == null) {
            return;
        }
        pool.shutdown();
        try {
            if (!pool.awaitTermination(30, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
