package org.vmastream.launcher.omniglot;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.vmastream.fewshot.conv.ModelKind;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code vma}, {@code vae} or {@code soft-attention} (any case). */
final class ModelKindConverter implements ITypeConverter<ModelKind> {
    @Override
    public ModelKind convert(String value) {
        try {
            return ModelKind.valueOf(value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException("unknown model '" + value + "'; choose one of "
                    + Arrays.stream(ModelKind.values())
                            .map(k -> k.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                            .collect(Collectors.joining(", ")));
        }
    }
}
