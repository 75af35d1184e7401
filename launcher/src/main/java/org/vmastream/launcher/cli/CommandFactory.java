package org.vmastream.launcher.cli;

import org.vmastream.experiments.data.TrainingData;
import org.vmastream.launcher.eval.EvalCommand;
import org.vmastream.launcher.train.TrainCommand;
import picocli.CommandLine;
import picocli.CommandLine.IFactory;

/** Creates the subcommands that read images with the source they were given; picocli's default for the rest. */
public final class CommandFactory implements IFactory {
    private final TrainingData.Source data;

    /** @param data where {@code train} and {@code eval} get their images */
    public CommandFactory(TrainingData.Source data) {
        this.data = data;
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
        if (type == TrainCommand.class) {
            return type.cast(new TrainCommand(data));
        }
        if (type == EvalCommand.class) {
            return type.cast(new EvalCommand(data));
        }
        return CommandLine.defaultFactory().create(type);
    }
}
