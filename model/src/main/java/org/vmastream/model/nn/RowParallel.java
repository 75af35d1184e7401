package org.vmastream.model.nn;

import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * Runs a loop over rows split over the cores, as ND4J's own ops are, for the element-wise passes
 * written as Java loops over native memory ({@link HostView}). A thread that has called
 * {@link #keepOnThisThread} runs every loop itself.
 */
public final class RowParallel {
    private static final ThreadLocal<Boolean> SERIAL = ThreadLocal.withInitial(() -> false);

    private RowParallel() {}

    /** A loop body over rows [from, to); bodies write disjoint rows, so ranges can run at once. */
    public interface RowRange {
        void run(int from, int to);
    }

    /**
     * From now on, loops started by the calling thread run on it alone. For threads that share the
     * cores with other busy threads (a scorer's, beside its stream thread and the broker): there,
     * waiting for the slowest part of every split loop cost more than the split saved (measured).
     */
    public static void keepOnThisThread() {
        SERIAL.set(true);
    }

    /**
     * Splits [0, rows) into one range per core and runs them on the common pool and this thread,
     * unless this thread keeps its loops. Each range makes its own {@link HostView}s, which are not
     * thread-safe.
     */
    public static void inParallel(int rows, RowRange body) {
        int parts = SERIAL.get() ? 1 : Math.min(rows, ForkJoinPool.getCommonPoolParallelism() + 1);
        if (parts <= 1) {
            body.run(0, rows);
            return;
        }
        IntStream.range(0, parts)
                .parallel()
                .forEach(p -> body.run((int) ((long) rows * p / parts), (int) ((long) rows * (p + 1) / parts)));
    }
}
