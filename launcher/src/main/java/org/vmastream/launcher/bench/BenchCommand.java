package org.vmastream.launcher.bench;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vmastream.backend.NativeBuild;
import org.vmastream.bench.BenchRow;
import org.vmastream.bench.HotSwapBenchmark;
import org.vmastream.bench.ScoringBenchmark;
import org.vmastream.bench.StepBenchmark;
import org.vmastream.bench.StreamBenchmark;
import org.vmastream.bench.TruncationQuality;
import org.vmastream.bench.gemm.SgemmProbe;
import org.vmastream.bench.gemm.StepFlops;
import org.vmastream.experiments.data.MnistData;
import org.vmastream.experiments.results.CsvFile;
import org.vmastream.launcher.cli.DataOptions;
import org.vmastream.launcher.cli.OptionChecks;
import org.vmastream.launcher.stream.SettingsOptions;
import org.vmastream.model.ModelConfig;
import org.vmastream.model.VmaModel;
import org.vmastream.model.addressing.KeyIndex;
import org.vmastream.model.checkpoint.CheckpointFile;
import org.vmastream.model.train.TrainingConfig;
import org.vmastream.runtime.settings.Settings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vma bench}: the machine's SGEMM rate, the recall model's training-step time at two memory
 * sizes and its scoring rate, with the fraction of the SGEMM rate each achieves; optionally the
 * end-to-end scoring rate and latency through Kafka.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        showDefaultValues = true,
        header = "Measure SGEMM, training-step and scoring speed.",
        description =
                "Measures SGEMM (n = 1024), training steps of the recall model (B = 32, K = 4, |M| = 32, 256 and 1024) "
                        + "and compute-only scoring (K = 4, |M| = 256) on random binary data; with --stream also end-to-end "
                        + "scoring through a broker with MNIST events. Appends the results to a CSV table.")
public final class BenchCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(BenchCommand.class);
    private static final int SGEMM_SIZE = 1024;
    private static final int SGEMM_REPEATS = 50;
    private static final int[] MEMORY_SIZES = {32, 256, 1024};
    private static final int[] SCORING_BATCHES = {256, 512};
    /** The end-to-end run gets its own broker directory, state and application id. */
    private static final Map<String, String> STREAM_DEFAULTS = Map.of(
            "kafka.embedded.dir", "runs/bench/kafka",
            "kafka.embedded.fresh", "true",
            "streams.state.dir", "runs/bench/streams-state",
            "streams.application.id", "vma-bench",
            "memory.capacity", "256");

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--out",
            defaultValue = "results/bench.csv",
            paramLabel = "FILE",
            description = "CSV table to append to")
    private Path out;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "200", description = "timed steps per memory size")
    private int steps;

    @Option(
            names = "--warmup",
            paramLabel = "N",
            defaultValue = "1000",
            description = "untimed steps before timing: past the point where Adam's moments of parameters whose "
                    + "gradient stays 0 become subnormal and are flushed (docs/performance.md#benchmark-warm-up)")
    private int warmup;

    @Option(
            names = "--score-warmup-seconds",
            paramLabel = "S",
            defaultValue = "20",
            description = "untimed scoring before each compute-only scoring measure, so that the JIT compiles the "
                    + "loops with a profile of many batches (docs/performance.md#benchmark-warm-up)")
    private double scoreWarmupSeconds;

    @Option(
            names = "--stream",
            description = "also measure end-to-end scoring through a broker (in-process unless "
                    + "--bootstrap-servers; about four minutes, most of it warming the JIT up)")
    private boolean stream;

    @Option(names = "--stream-only", description = "measure only end-to-end scoring (implies --stream)")
    private boolean streamOnly;

    @Option(
            names = "--stream-events",
            paramLabel = "N",
            defaultValue = "60000",
            description = "events in the end-to-end throughput phase")
    private int streamEvents;

    @Option(
            names = "--stream-warmup",
            paramLabel = "N",
            defaultValue = "150000",
            description = "untimed events before the end-to-end phases, so that the JIT compiler is done while the "
                    + "broker, clients and scorer share one JVM (docs/performance.md#benchmark-warm-up)")
    private int streamWarmup;

    @Option(
            names = "--stream-latency-seconds",
            paramLabel = "S",
            defaultValue = "60",
            description = "length of the end-to-end latency phase (at --stream-rate): long enough for "
                    + "its p99 to cover many commits and collections rather than one")
    private double streamLatencySeconds;

    @Option(
            names = "--stream-settle-seconds",
            paramLabel = "S",
            defaultValue = "60",
            description = "untimed sending at the latency phase's rate before it is timed: after the throughput phase "
                    + "the JIT compiler still recompiles for the new rate (docs/performance.md#benchmark-warm-up)")
    private double streamSettleSeconds;

    @Option(
            names = "--stream-rate",
            paramLabel = "EVENTS_PER_S",
            defaultValue = "0",
            description = "rate of the end-to-end latency phase; 0: half the throughput measured just before (a fixed "
                    + "rate compares builds at the same load)")
    private double streamRate;

    @Option(
            names = "--stream-latencies-out",
            paramLabel = "FILE",
            description = "also write the latency phase's measurements per event (CSV: sent, end to end and its three "
                    + "parts), e.g. to line slow events up with -Xlog:gc:file=...:utctime")
    private Path streamLatenciesOut;

    @Option(
            names = "--memory-curve",
            paramLabel = "SIZES",
            split = ",",
            description = "measure only how exact scoring grows with |M| (e.g. 256,1024,10000,100000): cache build "
                    + "time, heap and resident memory, compute-only events/s and batch latency at K = 4, batch 512")
    private int[] memoryCurve;

    @Option(
            names = "--memory-curve-seconds",
            paramLabel = "S",
            defaultValue = "10",
            description = "timed scoring per memory size in --memory-curve (after as long untimed)")
    private double memoryCurveSeconds;

    @Option(
            names = "--curve-candidates",
            paramLabel = "K",
            defaultValue = "0",
            description =
                    "in --memory-curve, score through the top K entries of q(a|x) that an HNSW index over the keys "
                            + "finds (truncated addressing), with the index's recall of the exact top K; 0: exact scoring")
    private int curveCandidates;

    @Option(
            names = "--index-connections",
            paramLabel = "M",
            defaultValue = "16",
            description = "HNSW neighbours per node and level, for --curve-candidates")
    private int indexConnections;

    @Option(
            names = "--index-beam",
            paramLabel = "N",
            defaultValue = "100",
            description = "HNSW candidates kept while inserting (efConstruction), for --curve-candidates")
    private int indexBeam;

    @Option(
            names = "--search-margin",
            paramLabel = "N",
            defaultValue = "32",
            description =
                    "HNSW candidates kept while searching beyond those asked for (ef = K + N), for --curve-candidates")
    private int searchMargin;

    @Option(
            names = "--hot-swap",
            paramLabel = "SIZE",
            description = "measure only a model hot swap on a set of SIZE random entries scored through the key index "
                    + "(--curve-candidates, default 32): scoring speed before and while the new version's keys and "
                    + "index are built in the background, and the time until it serves")
    private Integer hotSwap;

    @Option(
            names = "--truncation-quality",
            paramLabel = "CHECKPOINT",
            description = "measure only truncated against exact scoring with this trained checkpoint: MNIST training "
                    + "images as memory (--quality-sizes), test images as events; bound, KL(a) and match differences, "
                    + "label accuracy from q(a|x), recall of the exact top --curve-candidates (default 32)")
    private Path truncationQuality;

    @Option(
            names = "--quality-sizes",
            paramLabel = "SIZES",
            split = ",",
            defaultValue = "10000,60000",
            description = "memory sizes for --truncation-quality (at most MNIST's 60,000 training images)")
    private int[] qualitySizes;

    @Option(
            names = "--quality-events",
            paramLabel = "N",
            defaultValue = "2000",
            description = "test images scored per memory size in --truncation-quality")
    private int qualityEvents;

    @Mixin
    private DataOptions dataOptions;

    @Mixin
    private SettingsOptions settings;

    @Override
    public Integer call() throws Exception {
        OptionChecks check = new OptionChecks(spec);
        check.positive("--steps", steps);
        check.require(warmup >= 0, "--warmup must not be negative, got " + warmup);
        check.require(
                scoreWarmupSeconds >= 0, "--score-warmup-seconds must not be negative, got " + scoreWarmupSeconds);
        check.require(streamWarmup >= 0, "--stream-warmup must not be negative, got " + streamWarmup);
        check.require(
                streamLatencySeconds > 0, "--stream-latency-seconds must be positive, got " + streamLatencySeconds);
        check.require(streamRate >= 0, "--stream-rate must not be negative, got " + streamRate);
        check.require(
                streamSettleSeconds >= 0, "--stream-settle-seconds must not be negative, got " + streamSettleSeconds);
        String machine = "cores=" + Runtime.getRuntime().availableProcessors() + ";omp="
                + environment("OMP_NUM_THREADS")
                + ";blas.timeout=" + environment("OPENBLAS_THREAD_TIMEOUT") + ";nd4j=" + NativeBuild.configuredLabel()
                + ";gc=" + collector() + jvmOptions();
        List<BenchRow> rows = new ArrayList<>();
        if (truncationQuality != null) {
            for (int size : qualitySizes) {
                check.positive("--quality-sizes", size);
            }
            check.positive("--quality-events", qualityEvents);
            rows.addAll(truncationQualityRows(machine));
            return report(rows);
        }
        if (hotSwap != null) {
            check.positive("--hot-swap", hotSwap);
            rows.addAll(hotSwapRows(machine));
            return report(rows);
        }
        if (memoryCurve != null) {
            for (int size : memoryCurve) {
                check.positive("--memory-curve", size);
            }
            check.require(curveCandidates >= 0, "--curve-candidates must not be negative, got " + curveCandidates);
            rows.addAll(memoryCurveRows(machine));
            return report(rows);
        }
        if (streamOnly) {
            rows.addAll(streamRows(machine));
            return report(rows);
        }
        // Probed before and after the steps, keeping the faster: one run's probe at the start read 179
        // GFLOP/s where the next run's read 325, likely while the JIT compiler's threads held a core.
        double firstProbe = SgemmProbe.gflops(SGEMM_SIZE, SGEMM_REPEATS);
        ModelConfig recall = ModelConfig.mnistExemplar(0);
        TrainingConfig training = TrainingConfig.paper(1);
        List<StepBenchmark.Result> results = new ArrayList<>();
        for (int memory : MEMORY_SIZES) {
            results.add(StepBenchmark.run(recall, training, memory, warmup, steps));
        }
        double sgemm = Math.max(firstProbe, SgemmProbe.gflops(SGEMM_SIZE, SGEMM_REPEATS));
        rows.add(new BenchRow("sgemm", "n=" + SGEMM_SIZE + ";" + machine, sgemm, "GFLOP/s", 1.0));
        for (int i = 0; i < MEMORY_SIZES.length; i++) {
            int memory = MEMORY_SIZES[i];
            String parameters = "B=" + training.batchSize() + ";K=" + training.samples() + ";M=" + memory
                    + ";preset=recall;" + machine;
            StepBenchmark.Result step = results.get(i);
            double millis = step.millisPerStep();
            double gflops = StepFlops.trainingStep(
                            recall, training.batchSize(), training.samples(), memory, step.entriesDrawn())
                    / (millis / 1e3)
                    / 1e9;
            rows.add(new BenchRow("train_step", parameters, millis, "ms", null));
            rows.add(new BenchRow("train_entries_drawn", parameters, step.entriesDrawn(), "entries", null));
            rows.add(new BenchRow("train_gflops", parameters, gflops, "GFLOP/s", gflops / sgemm));
            rows.add(new BenchRow("train_gemm_share", parameters, step.gemmShare(), "of step time", null));
            rows.add(new BenchRow(
                    "train_gemm_gflops", parameters, step.gemmGflops(), "GFLOP/s", step.gemmGflops() / sgemm));
            rows.add(new BenchRow(
                    "train_gemm_replay", parameters, step.replayGflops(), "GFLOP/s", step.replayGflops() / sgemm));
            rows.add(new BenchRow(
                    "train_adam", parameters + ";parameters=" + step.parameters(), step.adamMillis(), "ms", null));
        }
        int scoringMemory = 256;
        int scoringSamples = 4;
        for (int batch : SCORING_BATCHES) {
            String parameters =
                    "batch=" + batch + ";K=" + scoringSamples + ";M=" + scoringMemory + ";preset=recall;" + machine;
            double perSecond = ScoringBenchmark.eventsPerSecond(
                    recall,
                    scoringMemory,
                    scoringSamples,
                    batch,
                    scoreWarmupSeconds,
                    Math.max(20, 40_000 / batch),
                    false);
            double gflops = perSecond * StepFlops.scoringEvent(recall, scoringSamples, scoringMemory) / 1e9;
            rows.add(new BenchRow("score_compute", parameters, perSecond, "events/s", null));
            rows.add(new BenchRow("score_gflops", parameters, gflops, "GFLOP/s", gflops / sgemm));
            // The label head's share: the same scoring with a head's forward pass and feature match added.
            double withHead = ScoringBenchmark.eventsPerSecond(
                    recall,
                    scoringMemory,
                    scoringSamples,
                    batch,
                    scoreWarmupSeconds,
                    Math.max(20, 40_000 / batch),
                    true);
            rows.add(new BenchRow("score_compute_label_head", parameters, withHead, "events/s", withHead / perSecond));
        }
        if (stream) {
            rows.addAll(streamRows(machine));
        }
        return report(rows);
    }

    private List<BenchRow> memoryCurveRows(String machine) {
        ModelConfig recall = ModelConfig.mnistExemplar(0);
        int samples = 4;
        int batch = 512;
        List<BenchRow> rows = new ArrayList<>();
        KeyIndex.Settings index = new KeyIndex.Settings(indexConnections, indexBeam, searchMargin);
        String addressing = curveCandidates == 0
                ? "exact;"
                : "truncated;candidates=" + curveCandidates + ";hnsw.m=" + indexConnections + ";hnsw.beam=" + indexBeam
                        + ";search.margin=" + searchMargin + ";";
        for (int size : memoryCurve) {
            ScoringBenchmark.Point point = ScoringBenchmark.curvePoint(
                    recall, size, samples, batch, memoryCurveSeconds, memoryCurveSeconds, curveCandidates, index);
            String parameters =
                    "batch=" + batch + ";K=" + samples + ";M=" + size + ";preset=recall;" + addressing + machine;
            rows.add(new BenchRow("curve_score_compute", parameters, point.eventsPerSecond(), "events/s", null));
            rows.add(new BenchRow("curve_batch_latency", parameters, point.batchMillis(), "ms", null));
            rows.add(new BenchRow("curve_batch_p99", parameters, point.batchP99Millis(), "ms", null));
            rows.add(new BenchRow("curve_cache_build", parameters, point.buildMillis(), "ms", null));
            rows.add(new BenchRow("curve_heap", parameters, point.heapBytes() / 1e6, "MB", null));
            rows.add(new BenchRow("curve_resident", parameters, point.residentBytes() / 1e6, "MB", null));
            if (curveCandidates > 0) {
                rows.add(new BenchRow("curve_index_build", parameters, point.indexMillis(), "ms", null));
                rows.add(new BenchRow("curve_index_recall", parameters, point.recall(), "share", null));
            }
            LOG.info(
                    "|M| = {}: {} events/s, {} ms per batch (p99 {}), cache built in {} ms (index {} ms), recall {}",
                    size,
                    Math.round(point.eventsPerSecond()),
                    Math.round(point.batchMillis()),
                    Math.round(point.batchP99Millis()),
                    Math.round(point.buildMillis()),
                    Math.round(point.indexMillis()),
                    String.format(Locale.ROOT, "%.3f", point.recall()));
        }
        return rows;
    }

    private List<BenchRow> hotSwapRows(String machine) {
        int candidates = curveCandidates == 0 ? 32 : curveCandidates;
        KeyIndex.Settings index = new KeyIndex.Settings(indexConnections, indexBeam, searchMargin);
        HotSwapBenchmark.Result result =
                HotSwapBenchmark.run(ModelConfig.mnistExemplar(0), hotSwap, 512, candidates, index, memoryCurveSeconds);
        String parameters = "M=" + hotSwap + ";batch=512;K=4;candidates=" + candidates + ";hnsw.m=" + indexConnections
                + ";hnsw.beam=" + indexBeam + ";" + machine;
        return List.of(
                new BenchRow("hot_swap_first_build", parameters, result.firstBuildSeconds(), "s", null),
                new BenchRow("hot_swap_steady", parameters, result.steadyEventsPerSecond(), "events/s", null),
                new BenchRow(
                        "hot_swap_during_rebuild",
                        parameters,
                        result.duringEventsPerSecond(),
                        "events/s",
                        result.duringEventsPerSecond() / result.steadyEventsPerSecond()),
                new BenchRow("hot_swap_time_to_serve", parameters, result.secondsToServe(), "s", null));
    }

    private List<BenchRow> truncationQualityRows(String machine) {
        int candidates = curveCandidates > 0 ? curveCandidates : 32;
        VmaModel model = CheckpointFile.read(truncationQuality).toModel();
        MnistData mnist = new MnistData(dataOptions.dataDir());
        KeyIndex.Settings index = new KeyIndex.Settings(indexConnections, indexBeam, searchMargin);
        List<BenchRow> rows = new ArrayList<>();
        for (int size : qualitySizes) {
            TruncationQuality.Row row = TruncationQuality.measure(
                    model, mnist.trainImages(), mnist.testImages(), size, qualityEvents, candidates, index, 4);
            String parameters = "K=4;M=" + size + ";events=" + qualityEvents + ";candidates=" + candidates + ";hnsw.m="
                    + indexConnections + ";hnsw.beam=" + indexBeam + ";search.margin=" + searchMargin + ";model="
                    + truncationQuality.getFileName() + ";" + machine;
            rows.add(new BenchRow("truncation_bound_mad", parameters, row.boundDifference(), "nats", null));
            rows.add(new BenchRow("truncation_bound_shift", parameters, row.boundShift(), "nats", null));
            rows.add(new BenchRow("exact_bound_noise_mad", parameters, row.boundNoise(), "nats", null));
            rows.add(new BenchRow("truncation_kl_mad", parameters, row.klDifference(), "nats", null));
            rows.add(new BenchRow("truncation_match_mad", parameters, row.matchDifference(), "cosine", null));
            rows.add(new BenchRow("exact_label_accuracy", parameters, row.exactAccuracy(), "share", null));
            rows.add(new BenchRow("truncation_label_accuracy", parameters, row.truncatedAccuracy(), "share", null));
            rows.add(new BenchRow("truncation_recall", parameters, row.recall(), "share", null));
            rows.add(new BenchRow("truncation_captured_q", parameters, row.capturedMass(), "share", null));
            LOG.info(
                    "|M| = {}: |bound diff| {} (shift {}, exact noise {}), |KL diff| {}, accuracy {} exact / {} truncated, "
                            + "recall {}, q mass {}",
                    size,
                    f(row.boundDifference()),
                    f(row.boundShift()),
                    f(row.boundNoise()),
                    f(row.klDifference()),
                    f(row.exactAccuracy()),
                    f(row.truncatedAccuracy()),
                    f(row.recall()),
                    f(row.capturedMass()));
        }
        return rows;
    }

    private static String f(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }

    /**
     * The {@code kafka.producer.*} and {@code kafka.embedded.broker.*} settings, as {@code producer.key=value;} and
     * {@code broker.key=value;} each, in key order: both change the latency measured.
     */
    private static String clientAndBrokerOverrides(Settings settings) {
        return overrides(settings, "kafka.producer.", "producer.")
                + overrides(settings, "kafka.embedded.broker.", "broker.");
    }

    private static String overrides(Settings settings, String prefix, String label) {
        return new TreeMap<>(settings.withPrefix(prefix))
                .entrySet().stream()
                        .map(entry -> label + entry.getKey() + "=" + entry.getValue() + ";")
                        .collect(Collectors.joining());
    }

    /**
     * A variable that sets the native thread pools ({@code bin/vma} sets both unless told):
     * OMP_NUM_THREADS, the threads of ND4J's and OpenBLAS's pools (one or two gave step times within the
     * spread of each other here), and OPENBLAS_THREAD_TIMEOUT, how long OpenBLAS's threads spin after a
     * product (scoring and training moved 10-20% with it, in opposite directions): rows must say which.
     */
    private static String environment(String name) {
        return Optional.ofNullable(System.getenv(name))
                .filter(value -> !value.isBlank())
                .orElse("unset");
    }

    /** The JVM's garbage collector (G1, ZGC, ...): it sets the latency tail of the end-to-end phase. */
    private static String collector() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .findFirst()
                .map(bean -> bean.getName().split(" ")[0])
                .orElse("unknown");
    }

    /**
     * The heap and collector options the JVM was started with ({@code -Xmx8g -XX:+UseZGC}...), empty
     * when none: runs that differ only in them must not look alike in the table.
     */
    private static String jvmOptions() {
        String options = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(argument -> argument.startsWith("-XX:") || argument.startsWith("-Xm"))
                .collect(Collectors.joining(" "));
        return options.isEmpty() ? "" : ";jvm=" + options;
    }

    private List<BenchRow> streamRows(String machine) throws Exception {
        Settings scorer = settings.load(STREAM_DEFAULTS);
        StreamBenchmark.Result result = StreamBenchmark.run(
                scorer,
                new StreamBenchmark.Plan(
                        streamWarmup,
                        streamEvents,
                        streamRate,
                        streamSettleSeconds,
                        streamLatencySeconds,
                        streamLatenciesOut));
        String parameters =
                "K=" + scorer.string("scorer.samples") + ";M=256;max.batch=" + scorer.string("scorer.max.batch")
                        + ";max.wait.ms=" + scorer.string("scorer.max.wait.ms") + ";guarantee="
                        + scorer.string("streams.processing.guarantee") + ";commit.ms="
                        + scorer.string("streams.commit.interval.ms")
                        + ";poll.ms=" + scorer.string("streams.poll.ms") + ";compute.threads="
                        + scorer.string("scorer.compute.threads")
                        + ";broker="
                        + (scorer.optional("kafka.bootstrap.servers").isPresent() ? "external" : "in-process") + ";"
                        + clientAndBrokerOverrides(scorer) + machine;
        String paced = parameters + ";rate=" + Math.round(result.rate())
                + (streamRate > 0 ? ";pacing=fixed" : ";pacing=half-max") + ";settle.s="
                + Math.round(streamSettleSeconds) + ";timed.s=" + Math.round(streamLatencySeconds);
        return List.of(
                new BenchRow("stream_events", parameters, result.maxEventsPerSecond(), "events/s", null),
                new BenchRow("stream_latency_p50", paced, result.p50Millis(), "ms", null),
                new BenchRow("stream_latency_p99", paced, result.p99Millis(), "ms", null),
                new BenchRow("scorer_latency_p50", paced, result.processingP50Millis(), "ms", null),
                new BenchRow("scorer_latency_p99", paced, result.processingP99Millis(), "ms", null));
    }

    /** Appends the rows to {@code --out} and prints them; the command's exit code. */
    private int report(List<BenchRow> rows) {
        CsvFile.append(out, BenchRow.HEADER, rows.stream().map(BenchRow::csv).toList());
        print(rows);
        return 0;
    }

    private void print(List<BenchRow> rows) {
        PrintWriter console = spec.commandLine().getOut();
        console.printf("%-13s %-38s %10s %-8s %s%n", "benchmark", "parameters", "value", "unit", "of sgemm");
        for (BenchRow row : rows) {
            console.printf(
                    Locale.ROOT,
                    "%-13s %-38s %10.2f %-8s %s%n",
                    row.benchmark(),
                    row.parameters(),
                    row.value(),
                    row.unit(),
                    row.ratioToSgemm() == null ? "" : String.format(Locale.ROOT, "%.1f%%", 100 * row.ratioToSgemm()));
        }
        console.printf("appended to %s%n", out);
        console.flush();
    }
}
