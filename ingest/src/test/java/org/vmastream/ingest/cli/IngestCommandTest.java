package org.vmastream.ingest.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Command-line handling that needs no broker. */
class IngestCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(Map<String, String> environment, String... args) {
        CommandLine commandLine = new CommandLine(new IngestCommand(environment));
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        return commandLine.execute(args);
    }

    private int run(String... args) {
        return run(Map.of(), args);
    }

    @Test
    void shouldTellTheUserToStartABrokerWhenNoneIsConfigured() {
        int exit = run("--source", "png", "--path", dir.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString())
                .contains(IngestCommand.NO_BROKER)
                .contains("vma broker")
                .contains("kafka.bootstrap.servers");
    }

    @Test
    void shouldTreatABlankEnvironmentSettingAsNoBroker() {
        int exit = run(Map.of("VMA_KAFKA_BOOTSTRAP_SERVERS", " "), "--source", "png", "--path", dir.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains(IngestCommand.NO_BROKER);
    }

    @Test
    void shouldRefuseAnOptionOfAnotherSource() {
        int exit = run("--source", "png", "--path", dir.toString(), "--digits", "0-8");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--digits applies to --source mnist, not png");
    }

    @Test
    void shouldRefuseTheSplitOfASourceThatHasNone() {
        int exit = run("--source", "csv", "--path", dir.resolve("x.csv").toString(), "--split", "test");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--split applies to --source mnist or omniglot, not csv");
    }

    @Test
    void shouldRequireAPathExceptForMnist() {
        int exit = run("--source", "omniglot");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--source omniglot needs --path");
    }

    @Test
    void shouldListTheChoicesOfAnUnknownSource() {
        int exit = run("--source", "jpeg", "--path", dir.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("'jpeg' is not one of mnist, omniglot, png, csv");
    }

    @Test
    void shouldAcceptChoicesInAnyCase() {
        int exit = run("--source", "PNG", "--as", "Events", "--path", dir.toString());

        assertThat(exit).as(err.toString()).isEqualTo(1);
        assertThat(err.toString()).contains(IngestCommand.NO_BROKER);
    }

    @Test
    void shouldRefuseBadDigitsAndLimits() {
        assertThat(run("--source", "mnist", "--digits", "8-2")).isEqualTo(2);
        assertThat(err.toString()).contains("the range 8-2 runs backwards");
        assertThat(run("--source", "mnist", "--limit", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--limit must be at least 1");
        assertThat(run("--source", "mnist", "--rate", "-5")).isEqualTo(2);
        assertThat(err.toString()).contains("--rate must be 0");
    }
}
