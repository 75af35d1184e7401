package org.vmastream.experiments.omniglot;

import java.util.Locale;
import org.vmastream.fewshot.conv.ModelKind;

/** The names models go by in result files: {@code vma}, {@code vae}, {@code soft-attention}. */
public final class ModelNames {
    private ModelNames() {}

    /** The result-file name of {@code kind}. */
    public static String of(ModelKind kind) {
        return kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
