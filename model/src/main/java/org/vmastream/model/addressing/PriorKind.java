package org.vmastream.model.addressing;

/** The prior over addresses p(a). */
public enum PriorKind {
    /** softmax over S(m_a, e_p) with a learned query vector e_p, sharing h with q(a|x). */
    LEARNED,
    /** p(a) = 1/|M|, the paper's control. */
    FLAT
}
