package org.vmastream.launcher.demo;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import org.vmastream.dashboard.DashboardFeed;
import org.vmastream.datasets.mnist.MnistSplit;
import org.vmastream.ingest.produce.RecordKind;
import org.vmastream.ingest.source.DigitSet;
import org.vmastream.ingest.source.MnistSource;
import org.vmastream.launcher.stream.ServeCommand;
import org.vmastream.launcher.stream.SettingsOptions;
import org.vmastream.launcher.stream.Shutdown;
import org.vmastream.runtime.http.HttpConfig;
import org.vmastream.runtime.http.HttpService;
import org.vmastream.runtime.kafka.KafkaRuntime;
import org.vmastream.runtime.metrics.MetricsRegistry;
import org.vmastream.runtime.settings.Directories;
import org.vmastream.runtime.settings.RuntimeSettings;
import org.vmastream.runtime.settings.Settings;
import org.vmastream.scorer.ScorerService;
import org.vmastream.scorer.ScorerSettings;
import org.vmastream.trainer.OnlineTrainer;
import org.vmastream.trainer.TrainerConfig;
import org.vmastream.trainer.TrainerMetrics;
import org.vmastream.trainer.TrainerStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vma demo}: the whole system in one process on a fresh machine. MNIST digits 0-8 flow in as
 * exemplars (memory set {@value #MEMORY_SET}, and the trainer's replay buffer); the trainer learns
 * online and publishes model versions; held-out test digits, including the never-seen 9, stream in
 * as events; the scores are read back from the topic and summarised per digit.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = "Run everything in one process (embedded broker unless --bootstrap-servers): load MNIST digits "
                + "0-8 as exemplars, train online, stream test digits including the unseen 9 as events, and print a "
                + "live summary. Stops after --seconds, or runs until Ctrl-C with --follow.")
public final class DemoCommand implements Callable<Integer> {
    static final String MEMORY_SET = "digits";
    /** The digit that is never in memory or training. */
    private static final String UNSEEN = "9";
    /** Scores a model version needs before the per-digit tables show it alone (about 20 s of the demo's events). */
    private static final long LATEST_VERSION_SCORES = 2000;

    /** The demo's own defaults: its own directories, a 256-entry reservoir memory, frequent publications. */
    private static final Map<String, String> DEFAULTS = Map.of(
            "kafka.embedded.dir", "runs/demo/kafka",
            "kafka.embedded.fresh", "true",
            "streams.state.dir", "runs/demo/streams-state",
            "streams.application.id", "vma-demo",
            "memory.capacity", "256",
            "memory.eviction", "reservoir",
            "http.port", "0",
            "trainer.publish.steps", "250",
            "trainer.publish.interval.ms", "20000");

    @Mixin
    SettingsOptions options;

    @Spec
    CommandSpec spec;

    @Option(names = "--seconds", defaultValue = "180", description = "Stop after this long (default ${DEFAULT-VALUE}).")
    long seconds;

    @Option(names = "--follow", description = "Run until Ctrl-C instead of stopping after --seconds.")
    boolean follow;

    @Option(
            names = "--exemplars",
            defaultValue = "12000",
            description = "Training images of digits 0-8 sent as exemplars (default ${DEFAULT-VALUE}).")
    long exemplars;

    @Option(
            names = "--event-rate",
            defaultValue = "200",
            description = "Test images sent as events per second (default ${DEFAULT-VALUE}).")
    double eventRate;

    @Option(
            names = "--report-seconds",
            defaultValue = "10",
            description = "Seconds between summary lines (default ${DEFAULT-VALUE}).")
    long reportSeconds;

    @Option(
            names = "--checkpoint",
            paramLabel = "FILE",
            description = "Start the trainer from this checkpoint (e.g. from `vma train`) instead of a random model.")
    Path checkpoint;

    @Override
    public Integer call() throws Exception {
        Map<String, String> defaults = new java.util.HashMap<>(DEFAULTS);
        if (checkpoint != null) {
            defaults.put("trainer.initial.checkpoint", checkpoint.toString());
        }
        Settings settings = options.load(defaults);
        PrintWriter out = spec.commandLine().getOut();
        out.println("vma demo: fetching MNIST (first run only) ...");
        MnistSource.fromCache(MnistSplit.TEST, DigitSet.all()).close();
        if (settings.optional(RuntimeSettings.BOOTSTRAP_SERVERS).isEmpty()
                && settings.bool(RuntimeSettings.EMBEDDED_FRESH)) {
            // A fresh broker has new topics: state left by an earlier demo would point at offsets that no longer exist.
            Directories.deleteRecursively(Path.of(settings.string(ScorerSettings.STATE_DIR)));
        }
        DashboardFeed dashboard = new DashboardFeed(System::currentTimeMillis);
        PrometheusMeterRegistry metrics = MetricsRegistry.create("demo");
        Shutdown shutdown = new Shutdown();
        Map<String, String> trueLabels = new ConcurrentHashMap<>();
        try (KafkaRuntime kafka = KafkaRuntime.open(settings);
                ScorerService scorer =
                        ScorerService.start(settings, kafka.connection(), kafka.topics(), metrics, dashboard);
                HttpService http = HttpService.start(HttpConfig.from(settings));
                OnlineTrainer trainer = new OnlineTrainer(
                        TrainerConfig.from(settings),
                        kafka.connection(),
                        kafka.topics().modelTopic());
                DemoFeed exemplarFeed = new DemoFeed(
                        () -> MnistSource.fromCache(MnistSplit.TRAIN, DigitSet.parse("0-8")),
                        kafka.connection(),
                        kafka.topics(),
                        RecordKind.EXEMPLARS,
                        MEMORY_SET,
                        0,
                        exemplars,
                        false,
                        new ConcurrentHashMap<>());
                DemoFeed eventFeed = new DemoFeed(
                        () -> MnistSource.fromCache(MnistSplit.TEST, DigitSet.all()),
                        kafka.connection(),
                        kafka.topics(),
                        RecordKind.EVENTS,
                        MEMORY_SET,
                        eventRate,
                        0,
                        true,
                        trueLabels);
                ScoreReader reader =
                        new ScoreReader(kafka.connection(), kafka.topics().scores(), new ScoreTally(trueLabels))) {
            ServeCommand.routes(http, scorer, metrics, dashboard);
            TrainerMetrics.bind(trainer, metrics);
            out.printf("dashboard at %s/dashboard/%n", http.baseUrl());
            out.printf(
                    "broker %s%s; memory queries at %s/memory, Prometheus metrics at %s/metrics%n",
                    kafka.connection().bootstrapServers(),
                    kafka.embedded() ? " (in-process)" : "",
                    http.baseUrl(),
                    http.baseUrl());
            out.flush();
            start(trainer, "vma-trainer");
            exemplarFeed.start();
            start(reader, "vma-demo-scores");
            out.println("waiting for the trainer's first model version ...");
            if (!scorer.awaitModel(Duration.ofMinutes(5))) {
                throw new IllegalStateException("no model version reached the scorer within 5 minutes");
            }
            eventFeed.start();
            report(
                    out,
                    shutdown,
                    scorer,
                    trainer,
                    exemplarFeed,
                    eventFeed,
                    reader,
                    dashboard,
                    settings.decimal(ScorerSettings.ANOMALY_RATE));
        } finally {
            shutdown.finished();
        }
        return 0;
    }

    private void report(
            PrintWriter out,
            Shutdown shutdown,
            ScorerService scorer,
            OnlineTrainer trainer,
            DemoFeed exemplarFeed,
            DemoFeed eventFeed,
            ScoreReader reader,
            DashboardFeed dashboard,
            double targetRate)
            throws InterruptedException {
        ScoreTally tally = reader.tally();
        long start = System.nanoTime();
        long lastCount = 0;
        long lastTime = start;
        out.println(
                "   time  events/s  scored  model(scorer/trainer)  steps  train-bound  bound  KL(a)  KL(z)  anomalies");
        int lines = 0;
        while (true) {
            boolean stop = shutdown.await(Duration.ofSeconds(reportSeconds))
                    || !follow
                            && System.nanoTime() - start
                                    >= Duration.ofSeconds(seconds).toNanos();
            ScoreTally.Summary all = tally.overall();
            TrainerStatus status = trainer.status();
            long now = System.nanoTime();
            out.printf(
                    Locale.ROOT,
                    "%6.0fs %9.0f %7d %10d/%-10d %7d %12.2f %6.2f %6.2f %6.2f %9.1f%%%n",
                    (now - start) / 1e9,
                    (all.count() - lastCount) / ((now - lastTime) / 1e9),
                    all.count(),
                    scorer.models().current().map(m -> m.version()).orElse(-1L),
                    status.lastPublishedVersion(),
                    status.steps(),
                    status.bound(),
                    all.bound(),
                    all.klAddress(),
                    all.klLatent(),
                    100 * all.anomalyRate());
            out.flush();
            lastCount = all.count();
            lastTime = now;
            dashboard.setEvaluation(evaluation(tally, targetRate));
            if (stop || ++lines % 6 == 0) {
                printPerDigit(out, tally, targetRate);
            }
            if (stop) {
                out.printf(
                        Locale.ROOT,
                        "sent %d exemplars and %d events; scores per model version: %s%n",
                        exemplarFeed.sent(),
                        eventFeed.sent(),
                        tally.modelVersions());
                out.println(
                        "the scores stay in the topic " + "(the embedded broker's data is under kafka.embedded.dir)");
                out.flush();
                return;
            }
        }
    }

    private static void printPerDigit(PrintWriter out, ScoreTally tally, double targetRate) {
        ScoreTally.Group group = tally.latest(LATEST_VERSION_SCORES);
        out.println("  " + title(group) + ":");
        out.println("  digit  events  mean bound  KL(a)  novelty  flag rate  label from q(a|x)  label from head");
        Map<String, ScoreTally.Summary> perLabel = group.perLabel();
        perLabel.forEach((label, s) -> out.printf(
                Locale.ROOT,
                "  %5s %7d %11.2f %6.2f %8.2f %9.1f%% %18s %16s%n",
                label.equals(UNSEEN) ? UNSEEN + "*" : label,
                s.count(),
                s.bound(),
                s.klAddress(),
                s.novelty(),
                100 * s.anomalyRate(),
                percent(s.labelAccuracy()),
                percent(s.headAccuracy())));
        out.println("  " + unseenLine(group, targetRate));
    }

    /** What a per-digit table covers: the model version in use, once it has scored enough events. */
    private static String title(ScoreTally.Group group) {
        return group.modelVersion() == null
                ? "every score so far (no model version has " + LATEST_VERSION_SCORES + " yet)"
                : "the " + group.count() + " scores of model version " + group.modelVersion() + ", the newest with "
                        + LATEST_VERSION_SCORES + " or more";
    }

    /** The unseen digit's flag rate against the seen digits' and the target, and its AUROC. */
    private static String unseenLine(ScoreTally.Group group, double targetRate) {
        Map<String, ScoreTally.Summary> perLabel = group.perLabel();
        double seen = perLabel.entrySet().stream()
                .filter(e -> !e.getKey().equals(UNSEEN))
                .mapToDouble(e -> e.getValue().anomalyRate())
                .average()
                .orElse(Double.NaN);
        ScoreTally.Summary unseen = perLabel.get(UNSEEN);
        return String.format(
                Locale.ROOT,
                "(* never in memory or training) flag rate of %s*: %.1f%%, %.1fx the seen"
                        + " digits' mean of %.1f%% (target false-alarm rate %.1f%%); AUROC of novelty, %s* against 0-8: %.3f",
                UNSEEN,
                unseen == null ? Double.NaN : 100 * unseen.anomalyRate(),
                unseen == null ? Double.NaN : unseen.anomalyRate() / seen,
                100 * seen,
                100 * targetRate,
                UNSEEN,
                group.novelAuroc(UNSEEN));
    }

    /** The per-digit table for the dashboard: the demo knows the events' true digits, the scorer does not. */
    private static DashboardFeed.Evaluation evaluation(ScoreTally tally, double targetRate) {
        ScoreTally.Group group = tally.latest(LATEST_VERSION_SCORES);
        List<List<String>> rows = new ArrayList<>();
        group.perLabel()
                .forEach((label, s) -> rows.add(List.of(
                        label.equals(UNSEEN) ? UNSEEN + "*" : label,
                        String.valueOf(s.count()),
                        String.format(Locale.ROOT, "%.2f", s.novelty()),
                        String.format(Locale.ROOT, "%.1f%%", 100 * s.anomalyRate()),
                        String.format(Locale.ROOT, "%.1f%%", 100 * targetRate),
                        percent(s.headAccuracy()))));
        return new DashboardFeed.Evaluation(
                "demo: novelty by true digit, " + title(group),
                List.of("digit", "events", "mean novelty", "flag rate", "target", "label from head"),
                rows,
                unseenLine(group, targetRate));
    }

    private static String percent(double share) {
        return Double.isNaN(share) ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * share);
    }

    private static void start(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        thread.start();
    }
}
