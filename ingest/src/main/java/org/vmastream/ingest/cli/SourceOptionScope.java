package org.vmastream.ingest.cli;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Which sources each source-specific option applies to. An option given for another source is a usage error
 * rather than silently ignored: {@code --digits 0-8} with {@code --source png} would otherwise send every image.
 */
final class SourceOptionScope {
    private static final Map<String, Set<SourceKind>> SCOPE = Map.of(
            "--split", EnumSet.of(SourceKind.MNIST, SourceKind.OMNIGLOT),
            "--digits", EnumSet.of(SourceKind.MNIST),
            "--omniglot-size", EnumSet.of(SourceKind.OMNIGLOT),
            "--invert", EnumSet.of(SourceKind.PNG),
            "--label-column", EnumSet.of(SourceKind.CSV),
            "--header", EnumSet.of(SourceKind.CSV),
            "--delimiter", EnumSet.of(SourceKind.CSV));

    private SourceOptionScope() {}

    /** @throws ParameterException if an option given on the command line does not apply to {@code source} */
    static void check(CommandSpec spec, SourceKind source) {
        ParseResult parsed = spec.commandLine().getParseResult();
        for (Map.Entry<String, Set<SourceKind>> entry : SCOPE.entrySet()) {
            if (parsed.hasMatchedOption(entry.getKey()) && !entry.getValue().contains(source)) {
                throw new ParameterException(
                        spec.commandLine(),
                        entry.getKey() + " applies to --source "
                                + entry.getValue().stream()
                                        .map(kind -> kind.name().toLowerCase(Locale.ROOT))
                                        .collect(Collectors.joining(" or "))
                                + ", not " + source.name().toLowerCase(Locale.ROOT));
            }
        }
    }
}
