package org.vmastream.launcher.train;

import org.vmastream.experiments.train.Preset;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Lets picocli accept the presets' hyphenated names. */
public final class PresetConverter implements ITypeConverter<Preset> {
    @Override
    public Preset convert(String value) {
        try {
            return Preset.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
