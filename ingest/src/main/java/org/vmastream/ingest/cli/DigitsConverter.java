package org.vmastream.ingest.cli;

import org.vmastream.ingest.source.DigitSet;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code --digits 0-8}. */
final class DigitsConverter implements ITypeConverter<DigitSet> {
    @Override
    public DigitSet convert(String value) {
        try {
            return DigitSet.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
