package org.vmastream.model.diagnostics;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vmastream.model.ImportancePass;
import org.vmastream.model.Noise;
import org.vmastream.model.VmaModel;
import org.vmastream.model.bound.ImportanceWeights;
import org.vmastream.model.memory.MemoryEncoding;

/**
 * Scores a batch of examples against one encoded memory: the K-sample bound and its diagnostics.
 * Large K is processed in chunks of samples so that memory use stays bounded; the bound over all K
 * samples is exact because log-sum-exp merges across chunks.
 */
public final class BatchScorer {
    private final VmaModel model;
    private final int samples;
    private final int chunk;
    private final int topK;

    /**
     * @param model   the model; its parameters must not change while a score is computed
     * @param samples K per example
     * @param chunk   samples per example per pass (memory grows with batch * chunk)
     * @param topK    number of top addresses to report
     */
    public BatchScorer(VmaModel model, int samples, int chunk, int topK) {
        if (samples < 1 || chunk < 1 || topK < 0) {
            throw new IllegalArgumentException("samples and chunk must be positive and topK not negative: "
                    + samples + ", " + chunk + ", " + topK);
        }
        this.model = model;
        this.samples = samples;
        this.chunk = Math.min(chunk, samples);
        this.topK = topK;
    }

    /**
     * @param x      examples, B x dataDim
     * @param memory the encoded memory, or null for the memory-less model
     * @param random source of the sampling noise
     */
    public List<ExampleDiagnostics> score(INDArray x, MemoryEncoding memory, SplittableRandom random) {
        int batch = (int) x.rows();
        double[][] logW = new double[batch][samples];
        double[] reconstruction = new double[batch];
        double[] klLatent = new double[batch];
        ImportancePass last = null;
        for (int done = 0; done < samples; done += chunk) {
            int k = Math.min(chunk, samples - done);
            Noise noise = Noise.draw(random, batch * k, model.config().latentDim(), model.parameters().dataType());
            last = model.forward(x, memory, k, noise);
            double[][] chunkLogW = last.logWeights();
            for (int b = 0; b < batch; b++) {
                System.arraycopy(chunkLogW[b], 0, logW[b], done, k);
                for (int j = 0; j < k; j++) {
                    reconstruction[b] += last.reconstruction(b, j);
                    klLatent[b] += last.klLatent(b, j);
                }
            }
        }
        List<ExampleDiagnostics> out = new ArrayList<>(batch);
        for (int b = 0; b < batch; b++) {
            double klAddress = 0;
            List<TopAddress> top = List.of();
            if (memory != null) {
                double[] logQ = last.addressPosterior(b);
                klAddress = AddressStatistics.klDivergence(logQ, memory.logPrior());
                top = AddressStatistics.top(logQ, topK);
            }
            out.add(new ExampleDiagnostics(ImportanceWeights.bound(logW[b]), samples, reconstruction[b] / samples,
                    klAddress, klLatent[b] / samples, top));
        }
        return out;
    }
}
