package org.vmastream.launcher.omniglot;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.vmastream.experiments.omniglot.ModelNames;
import org.vmastream.fewshot.conv.FewShotCheckpoint;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Writes a trained model's weights without its optimiser state: the form in which a model is shipped. */
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        description = "Write a checkpoint's weights without the optimiser state (for shipping a model).")
public final class OmniglotExportCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "A checkpoint of 'omniglot train'.")
    private Path model;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where the weights go.")
    private Path out;

    @Override
    public Integer call() throws Exception {
        FewShotCheckpoint.Loaded loaded = FewShotCheckpoint.load(model);
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        FewShotCheckpoint.saveWeights(loaded.model(), loaded.steps(), out);
        spec.commandLine()
                .getOut()
                .printf(
                        Locale.ROOT,
                        "%s: %s after %d steps, %d bytes (was %d)%n",
                        out,
                        ModelNames.of(loaded.model().config().kind()),
                        loaded.steps(),
                        Files.size(out),
                        Files.size(model));
        return 0;
    }
}
