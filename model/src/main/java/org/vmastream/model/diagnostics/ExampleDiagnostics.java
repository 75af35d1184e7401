package org.vmastream.model.diagnostics;

import java.util.List;

/**
 * What the model says about one example given a memory; the fields of every streamed score.
 *
 * @param bound          L_K, a lower bound on log p(x|M); -bound is the anomaly (surprise) score
 * @param samples        K used for the bound
 * @param reconstruction E_{a,z~q}[log p(x|a,z)], averaged over the K samples
 * @param klAddress      KL(q(a|x) || p(a)), exact over all entries (0 without memory)
 * @param klLatent       E_{a~q}[KL(q(z|m_a,x) || p(z|m_a))], analytic in z, averaged over the K sampled addresses
 * @param topAddresses   the most probable entries under q(a|x), most probable first (empty without memory)
 */
public record ExampleDiagnostics(double bound, int samples, double reconstruction, double klAddress, double klLatent,
                                 List<TopAddress> topAddresses) {
    public ExampleDiagnostics {
        topAddresses = List.copyOf(topAddresses);
    }
}
