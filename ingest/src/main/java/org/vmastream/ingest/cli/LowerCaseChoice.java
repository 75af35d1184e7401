package org.vmastream.ingest.cli;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.vmastream.ingest.produce.RecordKind;
import org.vmastream.ingest.source.CsvFormat;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads an enum option written in lower case ({@code --source mnist}), whatever the command line it is part of
 * is configured to do with case. Picocli creates converters by class, hence one small subclass per enum.
 *
 * @param <E> the enum
 */
abstract class LowerCaseChoice<E extends Enum<E>> implements ITypeConverter<E> {
    private final Class<E> type;

    LowerCaseChoice(Class<E> type) {
        this.type = type;
    }

    @Override
    public E convert(String value) {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(value.trim().replace('-', '_'))) {
                return constant;
            }
        }
        throw new TypeConversionException("'" + value + "' is not one of "
                + Arrays.stream(type.getEnumConstants())
                        .map(constant -> constant.name().toLowerCase(Locale.ROOT))
                        .collect(Collectors.joining(", ")));
    }

    /** {@code mnist}, {@code omniglot}, {@code png}, {@code csv}. */
    static final class Source extends LowerCaseChoice<SourceKind> {
        Source() {
            super(SourceKind.class);
        }
    }

    /** {@code exemplars}, {@code events}. */
    static final class Kind extends LowerCaseChoice<RecordKind> {
        Kind() {
            super(RecordKind.class);
        }
    }

    /** {@code auto}, {@code yes}, {@code no}. */
    static final class Header extends LowerCaseChoice<CsvFormat.Header> {
        Header() {
            super(CsvFormat.Header.class);
        }
    }
}
