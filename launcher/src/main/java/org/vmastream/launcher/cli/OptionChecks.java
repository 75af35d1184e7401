package org.vmastream.launcher.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Checks of option values that picocli's types cannot express. A failed check is a usage error
 * (exit code 2, message and usage), like any other bad command line.
 */
public final class OptionChecks {
    private final CommandSpec spec;

    /** @param spec the command whose options are checked */
    public OptionChecks(CommandSpec spec) {
        this.spec = spec;
    }

    /** Requires {@code value >= 1}. */
    public void positive(String option, long value) {
        require(value >= 1, option + " must be at least 1, got " + value);
    }

    /** Fails with this message unless the condition holds. */
    public void require(boolean condition, String message) {
        if (!condition) {
            throw new ParameterException(spec.commandLine(), message);
        }
    }

    /** Whether the user gave this option (as opposed to its default applying). */
    public boolean given(String option) {
        return spec.commandLine().getParseResult().hasMatchedOption(option);
    }
}
