package org.vmastream.experiments.train;

import java.nio.file.Path;
import org.vmastream.model.checkpoint.Checkpoint;
import org.vmastream.model.checkpoint.CheckpointFile;
import org.vmastream.model.train.VimcoTrainer;

/**
 * The files of a run directory: the checkpoint, the learning curve and its plot. Saving writes
 * the checkpoint and redraws the plot together, so the picture always matches a resumable state.
 */
public final class RunOutputs {
    /** The checkpoint's file name in a run directory. */
    public static final String CHECKPOINT = "checkpoint.vmackpt";

    private static final String CURVE_CSV = "learning-curve.csv";
    private static final String CURVE_PNG = "learning-curve.png";

    private final Path directory;
    private final RunSpec spec;
    private final String dataset;
    private final double earlierSeconds;
    private final LearningCurve curve;

    /**
     * @param directory      the run directory
     * @param spec           the run
     * @param dataset        provenance description of the training images
     * @param resumedStep    step of the checkpoint resumed from (0 for a fresh run): later curve rows are dropped
     * @param earlierSeconds training wall time of earlier sessions of this run
     */
    public RunOutputs(Path directory, RunSpec spec, String dataset, long resumedStep, double earlierSeconds) {
        this.directory = directory;
        this.spec = spec;
        this.dataset = dataset;
        this.earlierSeconds = earlierSeconds;
        this.curve = LearningCurve.open(directory.resolve(CURVE_CSV), resumedStep);
    }

    LearningCurve curve() {
        return curve;
    }

    /** The run's checkpoint file. */
    public Path checkpoint() {
        return directory.resolve(CHECKPOINT);
    }

    /** Training wall time of the whole run, this session's included. */
    double totalSeconds(double sessionSeconds) {
        return earlierSeconds + sessionSeconds;
    }

    /** Writes the checkpoint of the trainer's current state and redraws the plot. */
    void save(VimcoTrainer trainer, double sessionSeconds) {
        CheckpointFile.write(
                checkpoint(), Checkpoint.of(trainer, spec.provenance(dataset, totalSeconds(sessionSeconds))));
        CurvePlot.render(curve.points(), spec.addressedEntries(), directory.resolve(CURVE_PNG));
    }
}
