package org.vmastream.scorer.model;

import org.vmastream.model.VmaModel;

/**
 * A model version ready to score: its parameters never change after it is built, so every stream
 * thread can use it at once.
 *
 * @param version ModelCheckpoint.version it was loaded from
 * @param model   the model
 */
public record ServingModel(long version, VmaModel model) {}
