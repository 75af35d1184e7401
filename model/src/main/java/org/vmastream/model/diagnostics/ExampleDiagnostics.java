package org.vmastream.model.diagnostics;

import java.util.List;

/**
 * What the model says about one example given a memory; the fields of every streamed score.
 *
 * @param bound          L_K, a lower bound on log p(x|M); -bound is the anomaly (surprise) score
 * @param samples        K used for the bound
 * @param reconstruction E_{a,z~q}[log p(x|a,z)], averaged over the K samples
 * @param klAddress      KL(q(a|x) || p(a)), exact over all entries of q (0 without memory)
 * @param addressEntropy H(q(a|x)) = -sum_a q(a|x) log q(a|x) in nats, exact over all entries of q (0 without
 *                       memory); e^H is roughly how many entries the example could be read from
 * @param klLatent       E_{a~q}[KL(q(z|m_a,x) || p(z|m_a))], analytic in z, averaged over the K sampled addresses
 * @param topAddresses   the most probable entries under q(a|x), most probable first (empty without memory)
 * @param bestGroup      the {@link AddressGroups group} with the largest total q(a|x), or -1 when no
 *                       groups were given, no entry has a group, or the model has no memory
 * @param bestGroupMass  that group's total q(a|x), in [0, 1]; NaN when {@code bestGroup} is -1
 * @param memoryMatch    the largest cosine between the example and an exemplar of the memory in the
 *                       matching space ({@link org.vmastream.model.VmaModel#memoryMatch}); NaN when the
 *                       memory holds no exemplars
 * @param truncated      whether q(a|x) was restricted to the entries an approximate search found
 *                       ({@link org.vmastream.model.addressing.TruncatedAddressing}); the address
 *                       statistics are then those of the truncated q, and the bound is still a bound
 */
public record ExampleDiagnostics(
        double bound,
        int samples,
        double reconstruction,
        double klAddress,
        double addressEntropy,
        double klLatent,
        List<TopAddress> topAddresses,
        int bestGroup,
        double bestGroupMass,
        double memoryMatch,
        boolean truncated) {
    public ExampleDiagnostics {
        topAddresses = List.copyOf(topAddresses);
    }
}
