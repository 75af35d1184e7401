package org.vmastream.experiments.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.vmastream.model.VmaModel;
import org.vmastream.model.diagnostics.BatchScorer;
import org.vmastream.model.diagnostics.ExampleDiagnostics;
import org.vmastream.model.diagnostics.TopAddress;
import org.vmastream.model.memory.MemoryEncoding;
import org.vmastream.model.nn.Workspaces;
import org.vmastream.model.train.RandomStreams;

/**
 * Scores a test set with the K-sample bound, a few examples per pass, with a progress bar.
 * Each pass runs in a workspace (arena allocation, see {@link Workspaces}); the memory encoding is
 * computed once, outside it, because arrays made in a workspace die when it closes.
 */
public final class Evaluator {
    private final int samples;
    private final int chunk;
    private final int batch;
    private final long seed;

    /**
     * @param samples K per example
     * @param chunk   samples per example per pass
     * @param batch   examples per pass
     * @param seed    seed of the sampling noise; pass i uses its own stream, so results do not depend on timing
     */
    public Evaluator(int samples, int chunk, int batch, long seed) {
        this.samples = samples;
        this.chunk = chunk;
        this.batch = batch;
        this.seed = seed;
    }

    /** Scores every target of the set against the set's memory (or the model's own). */
    public EvalSummary evaluate(VmaModel model, TestSet set) {
        MemoryEncoding memory =
                model.config().hasMemory() ? model.encodeMemory(model.memoryFor(set.exemplars())) : null;
        BatchScorer scorer = new BatchScorer(model, samples, chunk, 1);
        List<ExampleDiagnostics> scored = new ArrayList<>(set.size());
        double boundSum = 0;
        try (ProgressBar bar = new ProgressBarBuilder()
                .setTaskName("eval")
                .setInitialMax(set.size())
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(500)
                .build()) {
            for (int from = 0, pass = 0; from < set.size(); from += batch, pass++) {
                int to = Math.min(from + batch, set.size());
                List<ExampleDiagnostics> passScores;
                try (MemoryWorkspace ignored = Workspaces.open("vma-eval")) {
                    passScores = scorer.score(
                            set.targets(from, to), memory, RandomStreams.forStep(seed, pass, RandomStreams.NOISE));
                }
                scored.addAll(passScores);
                for (ExampleDiagnostics d : passScores) {
                    boundSum += d.bound();
                }
                bar.stepTo(to);
                bar.setExtraMessage(String.format(Locale.ROOT, "mean L_%d=%.2f", samples, boundSum / to));
            }
        }
        return EvalSummary.of(scored, samples, memory == null ? 0 : memory.size(), ownEntryFirst(scored, set));
    }

    /** The fraction of targets held in memory whose own entry is q(a|x)'s most probable; NaN if none is. */
    private static double ownEntryFirst(List<ExampleDiagnostics> scored, TestSet set) {
        int held = 0;
        int first = 0;
        for (int i = 0; i < scored.size(); i++) {
            int own = set.ownEntry(i);
            if (own >= 0) {
                held++;
                List<TopAddress> top = scored.get(i).topAddresses();
                first += !top.isEmpty() && top.get(0).index() == own ? 1 : 0;
            }
        }
        return held == 0 ? Double.NaN : (double) first / held;
    }
}
