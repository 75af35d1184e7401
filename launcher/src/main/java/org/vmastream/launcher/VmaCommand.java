package org.vmastream.launcher;

import java.util.concurrent.Callable;
import org.vmastream.backend.NativeBuild;
import org.vmastream.experiments.data.MnistData;
import org.vmastream.experiments.data.TrainingData;
import org.vmastream.ingest.cli.IngestCommand;
import org.vmastream.launcher.bench.BenchCommand;
import org.vmastream.launcher.cli.CommandFactory;
import org.vmastream.launcher.cli.FailureHandler;
import org.vmastream.launcher.cli.UsageErrorHandler;
import org.vmastream.launcher.demo.DemoCommand;
import org.vmastream.launcher.eval.EvalCommand;
import org.vmastream.launcher.novelty.NoveltyCommand;
import org.vmastream.launcher.omniglot.ClassifyCommand;
import org.vmastream.launcher.omniglot.OmniglotCommand;
import org.vmastream.launcher.stream.BrokerCommand;
import org.vmastream.launcher.stream.OnlineTrainerCommand;
import org.vmastream.launcher.stream.ServeCommand;
import org.vmastream.launcher.train.TrainCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The {@code vma} command: the streaming roles and demo, and offline training, evaluation and benchmarks. */
@Command(
        name = "vma",
        mixinStandardHelpOptions = true,
        versionProvider = LauncherVersion.class,
        description = "Variational Memory Addressing (Bornschein et al. 2017) as a streaming service on Kafka: "
                + "the demo, every streaming role, and offline training, evaluation and benchmarks.",
        subcommands = {
            DemoCommand.class,
            BrokerCommand.class,
            ServeCommand.class,
            OnlineTrainerCommand.class,
            IngestCommand.class,
            TrainCommand.class,
            EvalCommand.class,
            BenchCommand.class,
            NoveltyCommand.class,
            OmniglotCommand.class,
            ClassifyCommand.class,
            CommandLine.HelpCommand.class
        })
public final class VmaCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    /** Runs the command line and exits with its exit code (0 ok, 1 failure, 2 usage error, 130 interrupted). */
    public static void main(String[] args) {
        // XChart draws the learning curves with AWT; servers and CI have no display.
        System.setProperty("java.awt.headless", "true");
        try {
            NativeBuild.select();
        } catch (IllegalArgumentException e) {
            System.err.println("vma: " + e.getMessage());
            System.exit(2);
        }
        System.exit(commandLine(MnistData::new).execute(args));
    }

    /**
     * The command line with the given source of images, so that tests can train on synthetic data.
     *
     * @param data opens the images for a {@code --data-dir}
     */
    public static CommandLine commandLine(TrainingData.Source data) {
        CommandLine commandLine = new CommandLine(new VmaCommand(), new CommandFactory(data));
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setParameterExceptionHandler(new UsageErrorHandler());
        commandLine.setExecutionExceptionHandler(new FailureHandler());
        return commandLine;
    }

    @Override
    public Integer call() {
        throw new ParameterException(
                spec.commandLine(),
                "Missing subcommand: one of demo, broker, serve, trainer, ingest, train, eval, bench");
    }
}
