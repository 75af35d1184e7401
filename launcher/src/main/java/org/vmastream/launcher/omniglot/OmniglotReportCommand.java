package org.vmastream.launcher.omniglot;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.vmastream.experiments.omniglot.OmniglotReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code omniglot report}: runs {@link OmniglotReport}, which turns the grid and classification CSVs of a results folder into {@code omniglot.md} (Table 1 layout, paired gains
 * over the VAE and, with {@code --against}, over another run, the confounder sweep against its optimal reference,
 * the KL split, classification accuracy) and two plots:
 * {@code confounders.png} (Figure 5A) and {@code kl-split.png} (Figure 4B).
 */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        description = "Tables and plots from the grid and classification results.")
public final class OmniglotReportCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private ResultsFolder results;

    @Option(
            names = "--kl-classes",
            defaultValue = "8",
            description = "C of the row whose KL split is shown (default: ${DEFAULT-VALUE}, the training episodes' C).")
    private int klClasses;

    @Option(
            names = "--against",
            paramLabel = "DIR",
            description = "Another results folder (same grid seed): also compare each model with its namesake there, "
                    + "target by target.")
    private Path against;

    /** Results go to the command line's output, so that callers (and tests) can capture them. */
    private PrintWriter stdout() {
        return spec.commandLine().getOut();
    }

    @Override
    public Integer call() throws Exception {
        stdout().print(new OmniglotReport(results.path(), klClasses, against).write());
        stdout().flush();
        return 0;
    }
}
