package org.vmastream.launcher.omniglot;

import picocli.CommandLine.Command;

/** The Omniglot few-shot experiments: training, the evaluation grid and classification, generation. */
@Command(
        name = "omniglot",
        mixinStandardHelpOptions = true,
        description = "Generative few-shot learning on Omniglot (convolutional VMA and its baselines).",
        subcommands = {
            OmniglotTrainCommand.class,
            OmniglotGridCommand.class,
            OmniglotClassificationCommand.class,
            OmniglotGenerateCommand.class,
            OmniglotReportCommand.class,
            OmniglotBenchCommand.class,
            OmniglotExportCommand.class
        })
public final class OmniglotCommand {}
