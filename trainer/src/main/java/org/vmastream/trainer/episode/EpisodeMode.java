package org.vmastream.trainer.episode;

/** How a training step's targets relate to its memory. */
public enum EpisodeMode {
    /**
     * Targets are other buffer items of the classes present in memory (the paper's few-shot
     * episodes: memory and targets share classes, never items). Steps whose memory holds no
     * labelled item with a same-class item outside the memory fall back to {@link #RECALL}.
     */
    SAME_CLASS,
    /** Targets are drawn from the memory rows themselves (the paper's "train to recall"). */
    RECALL
}
