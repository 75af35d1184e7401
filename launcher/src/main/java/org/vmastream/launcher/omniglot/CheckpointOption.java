package org.vmastream.launcher.omniglot;

import java.io.IOException;
import java.nio.file.Path;
import org.vmastream.fewshot.conv.FewShotCheckpoint;
import org.vmastream.fewshot.conv.FewShotModel;
import org.vmastream.fewshot.conv.ModelKind;
import picocli.CommandLine.Option;

/** The {@code --model} option of the commands that read a trained few-shot model. */
public final class CheckpointOption {
    @Option(names = "--model", required = true, paramLabel = "FILE",
            description = "A checkpoint written by 'omniglot train' (its folder's model.vmaf).")
    private Path checkpoint;

    /** Loads the checkpoint. */
    public FewShotCheckpoint.Loaded load() throws IOException {
        return FewShotCheckpoint.load(checkpoint);
    }

    /** Loads the checkpoint and refuses any model but VMA, naming {@code use}. */
    public FewShotModel loadAddressing(String use) throws IOException {
        FewShotModel model = load().model();
        if (model.config().kind() != ModelKind.VMA) {
            throw new IllegalArgumentException(checkpoint + " holds a " + ModelNames.of(model.config().kind())
                    + " model; " + use + " reads the addresses of a vma model");
        }
        return model;
    }
}
