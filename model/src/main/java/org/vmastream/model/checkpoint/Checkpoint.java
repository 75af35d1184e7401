package org.vmastream.model.checkpoint;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vmastream.model.ModelConfig;
import org.vmastream.model.VmaModel;
import org.vmastream.model.train.AdamOptimizer;
import org.vmastream.model.train.TrainingConfig;
import org.vmastream.model.train.VimcoTrainer;

/**
 * Everything needed to resume a run or serve a model: architecture, training settings, step count,
 * parameters, optimiser state and provenance (data source, library versions, free-form notes).
 *
 * @param model          the architecture
 * @param training       the training settings (seed included)
 * @param step           updates made
 * @param parameters     the flat parameter vector
 * @param optimizerState Adam moments (1 x 2P), or null for a model saved without them
 * @param provenance     where the model came from: data set, preset, versions (never null)
 */
public record Checkpoint(
        ModelConfig model,
        TrainingConfig training,
        long step,
        INDArray parameters,
        INDArray optimizerState,
        Map<String, String> provenance) {
    public Checkpoint {
        provenance = Map.copyOf(provenance);
    }

    /** A snapshot of a trainer (arrays are copied). */
    public static Checkpoint of(VimcoTrainer trainer, Map<String, String> provenance) {
        return new Checkpoint(
                trainer.model().config(),
                trainer.config(),
                trainer.steps(),
                trainer.model().parameters().values().dup(),
                trainer.optimizer().state(),
                provenance);
    }

    /** A model with these parameters. */
    public VmaModel toModel() {
        return VmaModel.withParameters(model, parameters);
    }

    /** A trainer that continues this run exactly where it stopped. */
    public VimcoTrainer toTrainer() {
        VmaModel restored = toModel();
        AdamOptimizer optimizer = new AdamOptimizer(
                restored.parameters(),
                training.learningRate(),
                training.weightDecay(),
                optimizerState,
                Math.toIntExact(step));
        return new VimcoTrainer(restored, training, optimizer, step);
    }
}
