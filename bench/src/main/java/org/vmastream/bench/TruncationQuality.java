package org.vmastream.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.vmastream.datasets.mnist.MnistDataset;
import org.vmastream.model.VmaModel;
import org.vmastream.model.addressing.KeyIndex;
import org.vmastream.model.addressing.TruncatedAddressing;
import org.vmastream.model.diagnostics.AddressGroups;
import org.vmastream.model.diagnostics.BatchScorer;
import org.vmastream.model.diagnostics.ExampleDiagnostics;
import org.vmastream.model.diagnostics.TopAddress;
import org.vmastream.model.memory.MemoryEncoding;

/**
 * Truncated addressing against exact scoring on the same events with a trained model: MNIST
 * training images as memory, test images as events, both binarised at 0.5 as the scorer does. The
 * bound's difference includes the Monte Carlo noise of K samples, so the difference between two
 * exact runs with other noise is reported beside it as the floor.
 */
public final class TruncationQuality {
    /**
     * One memory size's comparison.
     *
     * @param boundDifference     mean |bound(truncated) - bound(exact)|, nats
     * @param boundShift          mean bound(truncated) - bound(exact), nats: what truncation costs on average
     * @param boundNoise          mean |bound(exact) - bound(exact, other noise)|, nats: the floor of the above
     * @param klDifference        mean |KL(a) truncated - KL(a) exact|, nats
     * @param matchDifference     mean |memoryMatch truncated - exact|
     * @param exactAccuracy       share of events whose label from q(a|x) is their digit, exact
     * @param truncatedAccuracy   the same through the index
     * @param recall              share of the exact top-k entries of q among the candidates
     * @param capturedMass        mean exact q(a|x) mass of those candidates (within the exact top k)
     */
    public record Row(
            int memorySize,
            int events,
            double boundDifference,
            double boundShift,
            double boundNoise,
            double klDifference,
            double matchDifference,
            double exactAccuracy,
            double truncatedAccuracy,
            double recall,
            double capturedMass) {}

    private TruncationQuality() {}

    /** Scores the events against the memory both exactly and through the key index, and compares them per event. */
    public static Row measure(
            VmaModel model,
            MnistDataset memoryImages,
            MnistDataset eventImages,
            int size,
            int events,
            int candidates,
            KeyIndex.Settings settings,
            int samples) {
        INDArray entries = binarised(memoryImages, size);
        int[] groupOf = new int[size];
        for (int a = 0; a < size; a++) {
            groupOf[a] = memoryImages.label(a);
        }
        AddressGroups groups = new AddressGroups(groupOf, 10);
        INDArray x = binarised(eventImages, events);
        MemoryEncoding exact = model.encodeMemory(model.memoryFor(entries));
        MemoryEncoding keys = model.encodeKeys(model.memoryFor(entries), 16384);
        KeyIndex index = KeyIndex.build(
                keys.keys().transformed().toFloatMatrix(),
                model.config().embeddingDim(),
                settings,
                Runtime.getRuntime().availableProcessors(),
                size);
        TruncatedAddressing truncation = new TruncatedAddressing(index, candidates);
        BatchScorer scorer = new BatchScorer(model, samples, samples, candidates);
        List<ExampleDiagnostics> reference = scorer.score(x, exact, new SplittableRandom(1), groups);
        List<ExampleDiagnostics> again = scorer.score(x, exact, new SplittableRandom(2), groups);
        List<ExampleDiagnostics> truncated = scorer.score(x, keys, new SplittableRandom(3), groups, truncation);
        double bound = 0;
        double shift = 0;
        double noise = 0;
        double kl = 0;
        double match = 0;
        int exactRight = 0;
        int truncatedRight = 0;
        double found = 0;
        double mass = 0;
        for (int e = 0; e < events; e++) {
            ExampleDiagnostics r = reference.get(e);
            ExampleDiagnostics t = truncated.get(e);
            bound += Math.abs(t.bound() - r.bound());
            shift += t.bound() - r.bound();
            noise += Math.abs(again.get(e).bound() - r.bound());
            kl += Math.abs(t.klAddress() - r.klAddress());
            match += Math.abs(t.memoryMatch() - r.memoryMatch());
            exactRight += r.bestGroup() == eventImages.label(e) ? 1 : 0;
            truncatedRight += t.bestGroup() == eventImages.label(e) ? 1 : 0;
            Map<Integer, Double> candidatesOf = new HashMap<>();
            for (TopAddress a : t.topAddresses()) {
                candidatesOf.put(a.index(), a.probability());
            }
            int hits = 0;
            for (TopAddress a : r.topAddresses()) {
                if (candidatesOf.containsKey(a.index())) {
                    hits++;
                    mass += a.probability();
                }
            }
            found += hits / (double) r.topAddresses().size();
        }
        return new Row(
                size,
                events,
                bound / events,
                shift / events,
                noise / events,
                kl / events,
                match / events,
                exactRight / (double) events,
                truncatedRight / (double) events,
                found / events,
                mass / events);
    }

    /** The first {@code count} images, thresholded at 0.5. */
    private static INDArray binarised(MnistDataset images, int count) {
        if (count > images.size()) {
            throw new IllegalArgumentException(count + " images asked for; the set holds " + images.size());
        }
        int dim = MnistDataset.PIXELS;
        INDArray out = Nd4j.createUninitialized(DataType.FLOAT, count, dim);
        float[] row = new float[dim];
        for (int i = 0; i < count; i++) {
            images.image(i, row, 0);
            for (int d = 0; d < dim; d++) {
                row[d] = row[d] > 0.5f ? 1f : 0f;
            }
            out.putRow(i, Nd4j.create(row, new long[] {1, dim}, 'c'));
        }
        return out;
    }
}
