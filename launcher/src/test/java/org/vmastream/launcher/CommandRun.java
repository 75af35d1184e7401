package org.vmastream.launcher;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.vmastream.experiments.data.TrainingData;
import picocli.CommandLine;

/**
 * The outcome of one {@code vma} command line run in-process.
 *
 * @param exitCode what {@code main} would exit with
 * @param out      standard output
 * @param err      standard error of the command (picocli's messages; logs and bars go elsewhere)
 */
public record CommandRun(int exitCode, String out, String err) {
    /** Runs the command line on the given data. */
    public static CommandRun of(TrainingData.Source data, String... args) {
        CommandLine commandLine = VmaCommand.commandLine(data);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new CommandRun(exitCode, out.toString(), err.toString());
    }
}
