package org.vmastream.launcher.omniglot;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import org.vmastream.experiments.omniglot.ModelNames;
import org.vmastream.fewshot.conv.FewShotCheckpoint;
import org.vmastream.fewshot.conv.FewShotModel;
import org.vmastream.fewshot.conv.ModelKind;
import picocli.CommandLine.Option;

/**
 * The {@code --model} option of the commands that read a trained few-shot model. Without it they
 * use the VMA shipped inside the launcher ({@value #SHIPPED}, from {@code models/omniglot-vma/} in
 * the repository, where its provenance is).
 */
public final class CheckpointOption {
    /** Class-path resource of the shipped VMA. */
    static final String SHIPPED = "/models/omniglot-vma/model.vmaf";

    @Option(
            names = "--model",
            paramLabel = "FILE",
            description = "A checkpoint written by 'omniglot train' (its folder's model.vmaf); default: the VMA "
                    + "shipped with vma-stream (models/omniglot-vma/).")
    private Path checkpoint;

    /** Loads the checkpoint, or the shipped model when none was given. */
    public FewShotCheckpoint.Loaded load() throws IOException {
        if (checkpoint != null) {
            return FewShotCheckpoint.load(checkpoint);
        }
        try (InputStream shipped = CheckpointOption.class.getResourceAsStream(SHIPPED)) {
            if (shipped == null) {
                throw new IllegalArgumentException("no --model given, and this build ships no model (" + SHIPPED
                        + " is not on the class path): give --model FILE");
            }
            return FewShotCheckpoint.load(shipped, "the shipped model " + SHIPPED);
        }
    }

    /** What is loaded, for messages: the file, or the shipped model. */
    public String name() {
        return checkpoint != null ? checkpoint.toString() : "the shipped model (models/omniglot-vma)";
    }

    /** Loads the checkpoint and refuses any model but VMA, naming {@code use}. */
    public FewShotModel loadAddressing(String use) throws IOException {
        FewShotModel model = load().model();
        if (model.config().kind() != ModelKind.VMA) {
            throw new IllegalArgumentException(name() + " holds a "
                    + ModelNames.of(model.config().kind()) + " model; " + use + " reads the addresses of a vma model");
        }
        return model;
    }
}
