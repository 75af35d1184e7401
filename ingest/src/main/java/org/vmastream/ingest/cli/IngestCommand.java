package org.vmastream.ingest.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.vmastream.ingest.produce.ConsoleProgress;
import org.vmastream.ingest.produce.IngestSummary;
import org.vmastream.ingest.produce.Ingestion;
import org.vmastream.ingest.produce.ItemProducer;
import org.vmastream.ingest.produce.Progress;
import org.vmastream.ingest.produce.RateLimiter;
import org.vmastream.ingest.produce.RecordKind;
import org.vmastream.ingest.source.ItemSource;
import org.vmastream.ingest.source.Skips;
import org.vmastream.runtime.kafka.KafkaConnection;
import org.vmastream.runtime.kafka.TopicCreator;
import org.vmastream.runtime.kafka.TopicNames;
import org.vmastream.runtime.settings.RuntimeSettings;
import org.vmastream.runtime.settings.Settings;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code vma ingest}: sends MNIST, Omniglot, a folder of PNGs or a CSV file to Kafka as exemplars of a memory set
 * or as events to score against it. It needs a running broker and never starts one of its own: an embedded broker
 * that vanished with the command would take the records with it. Exit code 0 when every item read was delivered
 * (bad inputs are skipped and reported, not fatal), 1 when nothing was sent or a delivery failed, 2 for a usage
 * error.
 */
@Command(
        name = "ingest",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        abbreviateSynopsis = true,
        header = "Send exemplars or events to Kafka from MNIST, Omniglot, PNG images or CSV feature vectors.",
        description = "Reads items (ids stable across reruns, e.g. mnist-train-00042) and sends them keyed by memory"
                + " set with an idempotent producer (acks=all), optionally paced, then prints what was sent and"
                + " what was skipped and why. Creates the project's topics if they do not exist.")
public final class IngestCommand implements Callable<Integer> {
    static final String NO_BROKER = "no Kafka broker is configured, and ingest does not start one of its own:"
            + " start one with `vma broker` (or `docker compose up kafka`) and pass its address with"
            + " --bootstrap-servers HOST:PORT, or set kafka.bootstrap.servers in the --config file or"
            + " VMA_KAFKA_BOOTSTRAP_SERVERS in the environment";
    private static final String BOOTSTRAP_KEY = RuntimeSettings.BOOTSTRAP_SERVERS;

    private final Map<String, String> environment;

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--source",
            required = true,
            paramLabel = "KIND",
            converter = LowerCaseChoice.Source.class,
            description = "mnist, omniglot, png or csv")
    private SourceKind source;

    @Option(
            names = "--path",
            paramLabel = "PATH",
            description = "mnist: folder with the IDX files (default: the"
                    + " project's cache, fetched on first use); omniglot: a set's folder or zip, or the folder holding the"
                    + " sets; png: the folder; csv: the file")
    private Path path;

    @Option(
            names = "--split",
            paramLabel = "SPLIT",
            description =
                    "mnist: train or test (default train); omniglot:"
                            + " the set in a folder of sets, e.g. background, evaluation, background_small1 (default background)")
    private String split;

    @Option(
            names = "--as",
            paramLabel = "exemplars|events",
            converter = LowerCaseChoice.Kind.class,
            description =
                    "exemplars (to the exemplar topic) or events to score (to the event topic);" + " default exemplars")
    private RecordKind kind = RecordKind.EXEMPLARS;

    @Option(
            names = "--memory-set",
            paramLabel = "NAME",
            description = "the memory set, the key of every record;" + " default \"${DEFAULT-VALUE}\"")
    private String memorySet = "default";

    @Option(names = "--limit", paramLabel = "N", description = "send at most N items; default all")
    private Long limit;

    @Option(
            names = "--rate",
            paramLabel = "PER_SECOND",
            description = "records per second; 0 (default) for as" + " fast as the broker takes them")
    private double rate;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "settings file (see vma-defaults.properties);" + " VMA_* environment variables override it")
    private Path config;

    @Option(
            names = "--bootstrap-servers",
            paramLabel = "HOST:PORT",
            description = "Kafka brokers; overrides" + " kafka.bootstrap.servers")
    private String bootstrapServers;

    @Option(names = "--no-progress", description = "no progress bar (for logs and scripts)")
    private boolean noProgress;

    @ArgGroup(validate = false, heading = "%nMNIST (--source mnist):%n")
    private MnistOptions mnist = new MnistOptions();

    @ArgGroup(validate = false, heading = "%nOmniglot (--source omniglot):%n")
    private OmniglotOptions omniglot = new OmniglotOptions();

    @ArgGroup(validate = false, heading = "%nFolder of PNG images (--source png):%n")
    private PngOptions png = new PngOptions();

    @ArgGroup(validate = false, heading = "%nCSV feature vectors (--source csv):%n")
    private CsvOptions csv = new CsvOptions();

    /** Reads VMA_* settings from the process environment. */
    public IngestCommand() {
        this(System.getenv());
    }

    /** @param environment where VMA_* settings come from (tests pass their own) */
    IngestCommand(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        checkOptions();
        Settings settings = Settings.load(
                config, environment, bootstrapServers == null ? Map.of() : Map.of(BOOTSTRAP_KEY, bootstrapServers));
        if (settings.optional(BOOTSTRAP_KEY).isEmpty()) {
            throw new IllegalStateException(NO_BROKER);
        }
        KafkaConnection connection = KafkaConnection.from(settings, null);
        TopicNames topics = TopicNames.from(settings);
        int maxValues = settings.positiveInteger(RuntimeSettings.MAX_VALUES);
        Skips skips = new Skips();
        IngestSummary summary;
        try (ItemSource items = openSource(skips)) {
            TopicCreator.ensure(connection, topics);
            try (ItemProducer<?> producer =
                            ItemProducer.create(connection, topics, kind, memorySet, maxValues, Clock.systemUTC());
                    Progress progress = progress(items)) {
                summary = new Ingestion(
                                items,
                                skips,
                                producer,
                                RateLimiter.perSecond(rate),
                                limit == null ? Long.MAX_VALUE : limit,
                                maxValues,
                                System::nanoTime)
                        .run(progress);
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        summary.lines().forEach(out::println);
        out.flush();
        return summary.succeeded() ? 0 : 1;
    }

    private void checkOptions() {
        SourceOptionScope.check(spec, source);
        require(
                path != null || source == SourceKind.MNIST,
                "--source " + source.name().toLowerCase(Locale.ROOT) + " needs --path");
        require(limit == null || limit >= 1, "--limit must be at least 1, got " + limit);
        require(rate >= 0 && Double.isFinite(rate), "--rate must be 0 (no limit) or a positive number, got " + rate);
        require(!memorySet.isBlank(), "--memory-set must not be blank");
    }

    private void require(boolean condition, String message) {
        if (!condition) {
            throw new ParameterException(spec.commandLine(), message);
        }
    }

    private ItemSource openSource(Skips skips) throws IOException {
        return switch (source) {
            case MNIST -> mnist.open(path, split);
            case OMNIGLOT -> omniglot.open(path, split, skips);
            case PNG -> png.open(path, skips);
            case CSV -> csv.open(path, skips);
        };
    }

    private Progress progress(ItemSource items) {
        if (noProgress) {
            return Progress.NONE;
        }
        long expected = items.expectedCount();
        return new ConsoleProgress("ingest", expected < 0 || limit == null ? expected : Math.min(expected, limit));
    }
}
