package org.vmastream.trainer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vmastream.model.VmaModel;
import org.vmastream.model.checkpoint.Checkpoint;
import org.vmastream.model.checkpoint.CheckpointFile;
import org.vmastream.model.label.LabelHead;
import org.vmastream.model.label.LabelHeadFile;
import org.vmastream.model.memory.MemoryKind;
import org.vmastream.model.train.AdamOptimizer;
import org.vmastream.model.train.TrainingConfig;
import org.vmastream.model.train.VimcoTrainer;
import org.vmastream.schemas.ModelCheckpoint;
import org.vmastream.trainer.publish.CheckpointRecords;
import org.vmastream.trainer.publish.LatestCheckpoints;

/**
 * The state a trainer resumes: the newest checkpoint of its model on the models topic, else the
 * configured initial checkpoint file (with the label head kept beside it, if there is one).
 *
 * @param checkpoint parameters, Adam moments and step count to continue from
 * @param head       the label head published with it, or null (none, or a checkpoint file)
 * @param published  whether the models topic holds it already (a file's state is not published yet)
 * @param origin     where it came from, for the log
 */
record StartingPoint(Checkpoint checkpoint, LabelHead head, boolean published, String origin) {
    private static final Logger LOG = LoggerFactory.getLogger(StartingPoint.class);

    /** The starting point, or empty for a fresh model. */
    static Optional<StartingPoint> find(TrainerConfig config, LatestCheckpoints latest) {
        Optional<ModelCheckpoint> record = latest.latest(config.modelName());
        if (record.isPresent()) {
            Checkpoint checkpoint = CheckpointRecords.decode(record.get());
            if (checkpoint.step() != record.get().getVersion()) {
                LOG.warn(
                        "version {} of model {} holds a checkpoint of step {}: continuing from step {}",
                        record.get().getVersion(),
                        config.modelName(),
                        checkpoint.step(),
                        checkpoint.step());
            }
            return Optional.of(new StartingPoint(
                    checkpoint,
                    CheckpointRecords.labelHead(record.get()).orElse(null),
                    true,
                    "version " + record.get().getVersion() + " on the models topic"));
        }
        if (config.initialCheckpoint() != null) {
            Path file = config.initialCheckpoint();
            Path headFile = headBeside(file);
            LabelHead head = Files.exists(headFile) ? readHead(headFile) : null;
            return Optional.of(new StartingPoint(
                    CheckpointFile.read(file),
                    head,
                    false,
                    "the initial checkpoint file " + file + (head == null ? "" : " and its label head " + headFile)));
        }
        return Optional.empty();
    }

    /** Where the label head of a checkpoint file is kept: beside it, with the extension {@code .vmahead}. */
    static Path headBeside(Path checkpoint) {
        String name = checkpoint.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return checkpoint.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".vmahead");
    }

    private static LabelHead readHead(Path file) {
        try {
            return LabelHeadFile.fromBytes(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read label head " + file, e);
        }
    }

    /**
     * A trainer with the checkpoint's parameters, Adam moments and step count, trained with
     * {@code training}: the configuration says how to train, the checkpoint what was learnt. With
     * unchanged settings the run continues exactly as if it had never stopped.
     *
     * @throws IllegalStateException if the checkpoint's model takes no exemplar memory
     */
    VimcoTrainer restore(TrainingConfig training) {
        if (checkpoint.model().memory() != MemoryKind.EXEMPLAR) {
            throw new IllegalStateException("the checkpoint from " + origin + " holds a "
                    + checkpoint.model().memory()
                    + "-memory model; the online trainer trains exemplar-memory models: use another model.name");
        }
        if (!checkpoint.training().equals(training)) {
            LOG.info("training with {} (the checkpoint was trained with {})", training, checkpoint.training());
        }
        VmaModel model = checkpoint.toModel();
        AdamOptimizer optimizer = new AdamOptimizer(
                model.parameters(),
                training.learningRate(),
                training.weightDecay(),
                checkpoint.optimizerState(),
                Math.toIntExact(checkpoint.step()));
        return new VimcoTrainer(model, training, optimizer, checkpoint.step());
    }
}
