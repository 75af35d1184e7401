package org.vmastream.launcher.novelty;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.vmastream.experiments.novelty.NoveltyBenchmark;
import org.vmastream.model.addressing.PriorKind;
import org.vmastream.trainer.TrainerSettings;
import org.vmastream.trainer.label.HeadRecipe;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vma novelty}: runs {@link NoveltyBenchmark} and prints its summary. */
@Command(
        name = "novelty",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        showDefaultValues = true,
        header = "Benchmark novelty scores: MNIST leave-one-digit-out and Omniglot out of domain.",
        description = "Writes results/novelty.csv (one row per protocol, held-out digit and candidate), "
                + "results/novelty-summary.txt and results/novelty-roc.png. Models are kept in --work and reused, "
                + "so an interrupted run resumes with the digits it has not trained yet.")
public final class NoveltyCommand implements Callable<Integer> {
    @Spec
    private CommandSpec commandSpec;

    @Option(names = "--digits", split = ",", defaultValue = "0,1,2,3,4,5,6,7,8,9", description = "digits to hold out")
    private int[] digits;

    @Option(names = "--train-seconds", defaultValue = "240", description = "training time per held-out digit")
    private long trainSeconds;

    @Option(
            names = "--prior",
            defaultValue = "FLAT",
            description =
                    "p(a) of the models trained: ${COMPLETION-CANDIDATES} (as trainer.prior; models kept in --work "
                            + "are reused whatever prior they have)")
    private PriorKind prior;

    @Option(names = "--memory", defaultValue = "1024", description = "exemplars in memory")
    private int memorySize;

    @Option(
            names = "--references",
            defaultValue = "1000",
            description = "reference exemplars (held out of memory and training)")
    private int referenceCount;

    @Option(names = "--omniglot", defaultValue = "../shared/data/omniglot", description = "Omniglot zips or folder")
    private Path omniglot;

    @Option(names = "--out-of-domain", defaultValue = "2000", description = "Omniglot drawings scored as events")
    private int outOfDomain;

    @Option(names = "--work", defaultValue = "runs/novelty", description = "where the per-digit models are kept")
    private Path work;

    @Option(names = "--results", defaultValue = "results", description = "where the results go")
    private Path results;

    @Option(names = "--seed", defaultValue = "1", description = "seed of splits, training and sampling")
    private long seed;

    @Option(
            names = "--head-steps",
            description = "label-head minibatches per VIMCO step (default: trainer.label.steps' default)")
    private int headSteps = TrainerSettings.DEFAULT_LABEL_STEPS;

    @Option(
            names = "--head-shift",
            description =
                    "largest random shift, in pixels, of the head's training images (default: trainer.label.shift's)")
    private int headShift = TrainerSettings.DEFAULT_LABEL_SHIFT;

    @Override
    public Integer call() throws IOException {
        String summary = new NoveltyBenchmark(new NoveltyBenchmark.Spec(
                        digits,
                        trainSeconds,
                        prior,
                        memorySize,
                        referenceCount,
                        omniglot,
                        outOfDomain,
                        work,
                        results,
                        seed,
                        new HeadRecipe(headSteps, headShift)))
                .run();
        commandSpec.commandLine().getOut().print(summary);
        return 0;
    }
}
