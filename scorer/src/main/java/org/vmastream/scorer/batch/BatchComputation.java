package org.vmastream.scorer.batch;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.vmastream.model.diagnostics.BatchScorer;
import org.vmastream.model.diagnostics.ExampleDiagnostics;
import org.vmastream.model.nn.Workspaces;
import org.vmastream.schemas.FloatValues;
import org.vmastream.scorer.cache.AddressableMemory;
import org.vmastream.scorer.model.ServingModel;

/**
 * The model's side of a batch, run on a scoring thread: each memory set's events binarised into
 * one matrix and scored in one pass against the set's cached encoding, with the model version that
 * encoded it. Touches no Kafka state.
 */
final class BatchComputation {
    private final int samples;
    private final int topK;

    /**
     * One set's diagnostics, in the order of its events, those of its references (empty when they
     * were not scored), the label head's terms of both (null without a head for this memory, or when
     * the references were not scored) and how long its pass took.
     */
    record SetResult(
            List<ExampleDiagnostics> diagnostics,
            List<ExampleDiagnostics> references,
            HeadTerms head,
            HeadTerms referenceHead,
            long nanos) {}

    /** Diagnostics and head terms of one group of inputs. */
    private record Scored(List<ExampleDiagnostics> diagnostics, HeadTerms head) {}

    BatchComputation(int samples, int topK) {
        this.samples = samples;
        this.topK = topK;
    }

    /** Every set's pass, timed, with noise from {@code noise}. */
    List<SetResult> run(List<SetBatch> sets, SplittableRandom noise) {
        List<SetResult> results = new ArrayList<>(sets.size());
        for (SetBatch set : sets) {
            long start = System.nanoTime();
            Scored events = score(set, noise);
            Scored references = set.references() == null ? new Scored(List.of(), null) : scoreReferences(set, noise);
            results.add(new SetResult(
                    events.diagnostics(),
                    references.diagnostics(),
                    events.head(),
                    references.head(),
                    System.nanoTime() - start));
        }
        return results;
    }

    /** The set's references, scored like events: the same binarisation, K and memory. */
    private Scored scoreReferences(SetBatch set, SplittableRandom noise) {
        ServingModel model = set.memory().model();
        int dimension = model.model().config().dataDim();
        float[] values = set.references().values();
        int count = set.references().size();
        BatchScorer scorer = new BatchScorer(model.model(), samples, samples, 0);
        try (MemoryWorkspace ignored = Workspaces.open("vma-scorer")) {
            INDArray x = Nd4j.createUninitialized(DataType.FLOAT, count, dimension);
            FloatBuffer rows = x.data().asNioFloat();
            for (int i = 0; i < count * dimension; i++) {
                rows.put(values[i] > 0.5f ? 1f : 0f);
            }
            AddressableMemory memory = set.memory();
            return new Scored(
                    memory.truncation() == null
                            ? scorer.score(x, memory.encoding(), noise)
                            : scorer.score(x, memory.encoding(), noise, memory.groups(), memory.truncation()),
                    HeadTerms.of(model.head(), memory, x));
        }
    }

    private Scored score(SetBatch set, SplittableRandom noise) {
        ServingModel model = set.memory().model();
        int dimension = model.model().config().dataDim();
        BatchScorer scorer = new BatchScorer(model.model(), samples, samples, topK);
        try (MemoryWorkspace ignored = Workspaces.open("vma-scorer")) {
            // Rows go straight into the array's native memory: Nd4j.create(float[]) copied value by value.
            INDArray x = Nd4j.createUninitialized(DataType.FLOAT, set.events().size(), dimension);
            FloatBuffer rows = x.data().asNioFloat();
            float[] row = new float[dimension];
            for (PendingEvent event : set.events()) {
                List<Float> data = event.event().getData();
                for (int d = 0; d < dimension; d++) {
                    row[d] = FloatValues.at(data, d) > 0.5f ? 1f : 0f;
                }
                rows.put(row);
            }
            AddressableMemory memory = set.memory();
            return new Scored(
                    memory.truncation() == null
                            ? scorer.score(x, memory.encoding(), noise, memory.groups())
                            : scorer.score(x, memory.encoding(), noise, memory.groups(), memory.truncation()),
                    HeadTerms.of(model.head(), memory, x));
        }
    }
}
