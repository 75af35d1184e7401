package org.vmastream.fewshot.conv;

/** Names of the placeholders and outputs of a {@link ConvGraph}. Rows n = b K + k index sample k of target b. */
public final class GraphNames {
    /** Placeholder [B, 1, P, P]: the targets x. */
    public static final String TARGETS = "targets";
    /** Placeholder [|M|, 1, P, P]: the memory entries. */
    public static final String MEMORY = "memory";
    /** Placeholder [N, B]: row n is one-hot on the target that sample n belongs to. */
    public static final String REPEAT = "repeat";
    /** Placeholder [N, |M|]: row n is one-hot on the address a_n (VMA). */
    public static final String SELECT = "select";
    /** Placeholder [N, |z|]: standard normal noise for z. */
    public static final String EPSILON = "epsilon";
    /** Placeholder [N]: normalised importance weights v_n divided by B; they carry no gradient. */
    public static final String WEIGHTS = "weights";
    /** Placeholder [N]: VIMCO learning signals s_n divided by B; they carry no gradient (VMA). */
    public static final String SIGNALS = "signals";

    /**
     * Placeholder [1]: weight of log p(z|m) - log q(z|m,x) in the surrogate (1 for the estimator; below 1 only
     * during an optional warm-up against the decoder ignoring z).
     */
    public static final String LATENT_WEIGHT = "latent_weight";

    /** Output [B, |M|]: address logits S_q(m_a, x) of q(a|x). */
    public static final String ADDRESS_LOGITS = "address_logits";
    /** Output [1, |M|]: logits of the prior p(a) (zeros for the flat prior). */
    public static final String PRIOR_LOGITS = "prior_logits";
    /** Output [N]: log p(x | z_n, m_{a_n}). */
    public static final String LOG_PX = "log_px";
    /** Output [N]: log p(z_n | m_{a_n}) (log p(z_n) without memory addressing). */
    public static final String LOG_PZ = "log_pz";
    /** Output [N]: log q(z_n | m_{a_n}, x). */
    public static final String LOG_QZ = "log_qz";
    /** Output [N]: KL(q(z | m_{a_n}, x) || p(z | m_{a_n})), analytic. */
    public static final String KL_Z = "kl_z";
    /** Output [N, P*P]: pixel probabilities of x ~ p(x | z, m) with z drawn from the prior (generation). */
    public static final String SAMPLE = "sample";
    /** The scalar surrogate loss whose gradient is the (negated) VIMCO / IWAE estimator. */
    public static final String LOSS = "loss";

    private GraphNames() {}
}
