package org.vmastream.scorer.model;

import org.vmastream.model.VmaModel;
import org.vmastream.model.label.LabelHead;

/**
 * A model version ready to score: its parameters never change after it is built, so every stream
 * thread can use it at once.
 *
 * @param version ModelCheckpoint.version it was loaded from
 * @param model   the model
 * @param head    the label head published with it, or null
 */
public record ServingModel(long version, VmaModel model, LabelHead head) {
    /** A version without a label head. */
    public ServingModel(long version, VmaModel model) {
        this(version, model, null);
    }
}
