package org.vmastream.experiments.novelty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vmastream.datasets.mnist.Mnist;
import org.vmastream.datasets.mnist.MnistDataset;
import org.vmastream.datasets.mnist.MnistFetcher;
import org.vmastream.datasets.omniglot.OmniglotCharacters;
import org.vmastream.datasets.omniglot.OmniglotSize;
import org.vmastream.model.VmaModel;
import org.vmastream.model.addressing.PriorKind;
import org.vmastream.model.memory.MemoryEncoding;
import org.vmastream.schemas.ReferenceScores;
import org.vmastream.scorer.novelty.NoveltyCalibration;
import org.vmastream.scorer.novelty.NoveltyTerms;
import org.vmastream.trainer.label.HeadRecipe;

/**
 * {@code vma novelty}: the novelty benchmark. Leave one digit out: for each digit, a model trained
 * as the online trainer trains, on MNIST without that digit, a memory of training images without
 * it, references held out of both, and all 10,000 test images as events; the held-out digit is
 * what memory has never seen. Out of domain: Omniglot characters at 28x28 against the seen test
 * digits. Every candidate score and the pixel baseline are ranked by AUROC; the scorer's own
 * calibration gives the false-alarm and detection rates of its flag at each target rate.
 */
/**
 * The novelty benchmark. Leave one digit out: for each digit, a model trained as the online trainer
 * trains, on MNIST without that digit, a memory of training images without it, references held out
 * of both, and all 10,000 test images as events; the held-out digit is what memory has never seen.
 * Out of domain: Omniglot characters at 28x28 against the seen test digits. Every candidate score
 * and the pixel baseline are ranked by AUROC; the scorer's own calibration gives the false-alarm and
 * detection rates of its flag at each target rate (docs/novelty.md).
 */
public final class NoveltyBenchmark {
    private static final Logger LOG = LoggerFactory.getLogger(NoveltyBenchmark.class);
    private static final int DIMENSION = MnistDataset.PIXELS;
    private static final double[] RATES = {0.01, 0.05};
    private static final String HEADER = "protocol,held_out,candidate,auroc,auroc_lo,auroc_hi,"
            + "false_alarms_at_1pct,detected_at_1pct,false_alarms_at_5pct,detected_at_5pct";

    private final int[] digits;
    private final long trainSeconds;
    private final PriorKind prior;
    private final int memorySize;
    private final int referenceCount;
    private final Path omniglot;
    private final int outOfDomain;
    private final Path work;
    private final Path results;
    private final long seed;
    private final HeadRecipe headRecipe;

    /**
     * What to run.
     *
     * @param digits       the digits to hold out, one model each
     * @param trainSeconds training time per held-out digit (the VMA's, and the DL4J baseline's)
     * @param prior        p(a) of the models trained
     * @param memorySize   exemplars in memory
     * @param references   reference exemplars, held out of memory and training
     * @param omniglot     Omniglot zips or folder for the out-of-domain protocol (skipped when absent)
     * @param outOfDomain  Omniglot drawings scored as events (0: skip the protocol)
     * @param work         where the per-digit models are kept and reused, and the per-image scores written
     * @param results      where the result files go
     * @param seed         seed of splits, training and sampling
     * @param headRecipe   how the label head trains beside each model
     */
    public record Spec(
            int[] digits,
            long trainSeconds,
            PriorKind prior,
            int memorySize,
            int references,
            Path omniglot,
            int outOfDomain,
            Path work,
            Path results,
            long seed,
            HeadRecipe headRecipe) {}

    /** A benchmark of {@code spec}. */
    public NoveltyBenchmark(Spec spec) {
        this.digits = spec.digits().clone();
        this.trainSeconds = spec.trainSeconds();
        this.prior = spec.prior();
        this.memorySize = spec.memorySize();
        this.referenceCount = spec.references();
        this.omniglot = spec.omniglot();
        this.outOfDomain = spec.outOfDomain();
        this.work = spec.work();
        this.results = spec.results();
        this.seed = spec.seed();
        this.headRecipe = spec.headRecipe();
    }

    /**
     * Trains (or reuses) each held-out digit's model and head, scores every candidate, and writes
     * {@code novelty.csv}, {@code novelty-summary.txt} and {@code novelty-roc.png} to the spec's results folder.
     *
     * @return the summary table, as written to {@code novelty-summary.txt}
     */
    public String run() throws IOException {
        Path cache = MnistFetcher.defaultCacheDir();
        MnistDataset train = Mnist.train(cache);
        MnistDataset test = Mnist.test(cache);
        float[] events = images(test, all(test.size()));
        float[] foreign = omniglot();
        Files.createDirectories(results);
        List<String> rows = new ArrayList<>();
        Map<String, List<Double>> lodo = new LinkedHashMap<>();
        Map<String, List<Double>> ood = new LinkedHashMap<>();
        List<double[]> flagRates = new ArrayList<>();
        Map<String, Roc> lastCandidates = null;
        int lastDigit = -1;
        for (int digit : digits) {
            int[] order = shuffledWithout(train, digit, seed + digit);
            int[] memory = Arrays.copyOfRange(order, 0, memorySize);
            int[] references = Arrays.copyOfRange(order, memorySize, memorySize + referenceCount);
            int[] training = concat(memory, Arrays.copyOfRange(order, memorySize + referenceCount, order.length));
            HeldOutDigitModel held = HeldOutDigitModel.trainOrLoad(
                    work.resolve("without-" + digit + ".vmackpt"),
                    digit,
                    train,
                    training,
                    Duration.ofSeconds(trainSeconds),
                    seed + digit,
                    prior,
                    headRecipe);
            VmaModel model = held.model();
            float[] memoryImages = images(train, memory);
            MemoryEncoding encoding = MemoryScores.encode(model, memoryImages, DIMENSION);
            int[] memoryLabels = labels(train, memory);
            INDArray memoryFeatures = LabelScores.memoryFeatures(held.head(), memoryImages, DIMENSION);
            LabelScores referenceLabels =
                    LabelScores.of(held.head(), memoryFeatures, images(train, references), DIMENSION);
            MemoryScores calibrationScores = MemoryScores.of(
                    model, encoding, memoryLabels, images(train, references), DIMENSION, seed * 31 + digit);
            NoveltyCalibration calibration = calibration(calibrationScores, referenceLabels);
            NoveltyCalibration unlabelledCalibration = calibration(calibrationScores, null);
            MemoryScores scored = MemoryScores.of(model, encoding, memoryLabels, events, DIMENSION, seed * 37 + digit);
            LabelScores labelled = LabelScores.of(held.head(), memoryFeatures, events, DIMENSION);
            double[] pixel = new PixelNearestNeighbour(memoryImages, DIMENSION).distances(events, DIMENSION);
            MemoryScores referenceScores = MemoryScores.of(
                    model, encoding, memoryLabels, images(train, references), DIMENSION, seed * 43 + digit);
            double[] referencePixel =
                    new PixelNearestNeighbour(memoryImages, DIMENSION).distances(images(train, references), DIMENSION);
            dump(work.resolve("scores-without-" + digit + ".csv"), "test", test.labels(), scored, labelled, pixel);
            dump(
                    work.resolve("scores-without-" + digit + ".csv"),
                    "reference",
                    labels(train, references),
                    referenceScores,
                    referenceLabels,
                    referencePixel);
            boolean[] novel = new boolean[test.size()];
            for (int i = 0; i < novel.length; i++) {
                novel[i] = test.label(i) == digit;
            }
            Map<String, Roc> candidates =
                    candidates(scored, labelled, calibration, unlabelledCalibration, pixel, novel);
            candidates.put(
                    "energy + feature distance",
                    new Roc(
                            plus(
                                    onReferenceScale(labelled.energy(), referenceLabels.energy()),
                                    onReferenceScale(
                                            complement(labelled.featureMatch()),
                                            complement(referenceLabels.featureMatch()))),
                            novel));
            candidates.put(
                    "novelty + VMA novelty",
                    new Roc(
                            plus(
                                    novelty(scored, labelled, calibration),
                                    onReferenceScale(
                                            novelty(scored, null, unlabelledCalibration),
                                            novelty(referenceScores, null, unlabelledCalibration))),
                            novel));
            // DL4J's own VAE, trained on the same images for the same time: the baseline a DL4J user would pick.
            Dl4jVaeBaseline vae = Dl4jVaeBaseline.trainOrLoad(
                    work.resolve("dl4j-vae-without-" + digit + ".zip"),
                    images(train, training),
                    DIMENSION,
                    Duration.ofSeconds(trainSeconds),
                    Long.MAX_VALUE,
                    seed + digit);
            double[] vaeScores = vae.anomaly(events, DIMENSION);
            candidates.put("DL4J VAE", new Roc(vaeScores, novel));
            candidates.put("1 - label mass of q(a|x)", new Roc(complement(scored.labelMass()), novel));
            double[] pValues = pValues(scored, labelled, calibration);
            double[] rates = flagRates(pValues, novel);
            flagRates.add(rates);
            for (Map.Entry<String, Roc> c : candidates.entrySet()) {
                double auroc = c.getValue().auroc();
                lodo.computeIfAbsent(c.getKey(), k -> new ArrayList<>()).add(auroc);
                rows.add(row(
                        "leave-one-digit-out",
                        String.valueOf(digit),
                        c.getKey(),
                        c.getValue(),
                        c.getKey().equals("novelty") ? rates : null));
            }
            LOG.info(
                    "digit {}: AUROC novelty {} | match distance {} | -bound {} | pixel 1-NN {}; flagged at 1%: seen {}, "
                            + "digit {} {}",
                    digit,
                    f(candidates.get("novelty").auroc()),
                    f(candidates.get("match distance").auroc()),
                    f(candidates.get("-bound").auroc()),
                    f(candidates.get("pixel 1-NN").auroc()),
                    f(rates[0]),
                    digit,
                    f(rates[1]));
            if (foreign.length > 0) {
                MemoryScores foreignScores =
                        MemoryScores.of(model, encoding, memoryLabels, foreign, DIMENSION, seed * 41 + digit);
                LabelScores foreignLabels = LabelScores.of(held.head(), memoryFeatures, foreign, DIMENSION);
                double[] foreignPixel =
                        new PixelNearestNeighbour(memoryImages, DIMENSION).distances(foreign, DIMENSION);
                dump(
                        work.resolve("scores-without-" + digit + ".csv"),
                        "omniglot",
                        new int[foreignPixel.length],
                        foreignScores,
                        foreignLabels,
                        foreignPixel);
                Map<String, Roc> outside = outOfDomain(
                        scored,
                        labelled,
                        foreignScores,
                        foreignLabels,
                        calibration,
                        unlabelledCalibration,
                        pixel,
                        foreignPixel,
                        novel);
                outside.put(
                        "DL4J VAE",
                        new Roc(
                                concat(seenOnly(vaeScores, novel), vae.anomaly(foreign, DIMENSION)),
                                positivesAfter(seenOnly(vaeScores, novel).length, foreign.length / DIMENSION)));
                double[] outsideRates = flagRates(
                        concat(seenOnly(pValues, novel), pValues(foreignScores, foreignLabels, calibration)),
                        positivesAfter(seenOnly(pValues, novel).length, foreign.length / DIMENSION));
                for (Map.Entry<String, Roc> c : outside.entrySet()) {
                    ood.computeIfAbsent(c.getKey(), k -> new ArrayList<>())
                            .add(c.getValue().auroc());
                    rows.add(row(
                            "omniglot-vs-mnist",
                            String.valueOf(digit),
                            c.getKey(),
                            c.getValue(),
                            c.getKey().equals("novelty") ? outsideRates : null));
                }
                LOG.info(
                        "digit {} model, Omniglot against seen digits: AUROC novelty {}, -bound {}; flagged at 1% {}",
                        digit,
                        f(outside.get("novelty").auroc()),
                        f(outside.get("-bound").auroc()),
                        f(outsideRates[1]));
            }
            lastCandidates = candidates;
            lastDigit = digit;
        }
        Path csv = results.resolve("novelty.csv");
        Files.writeString(csv, HEADER + "\n" + String.join("\n", rows) + "\n");
        String summary = summary(lodo, ood, flagRates);
        Files.writeString(results.resolve("novelty-summary.txt"), summary);
        if (lastCandidates != null) {
            RocPlot.render(
                    lastCandidates, "MNIST, digit " + lastDigit + " never seen", results.resolve("novelty-roc.png"));
        }
        LOG.info(
                "wrote {}, {} and {}", csv, results.resolve("novelty-summary.txt"), results.resolve("novelty-roc.png"));
        return summary;
    }

    /** Appends every image's scores, for analyses beyond this command's (one file per held-out digit). */
    private static void dump(Path file, String kind, int[] labels, MemoryScores s, LabelScores l, double[] pixel)
            throws IOException {
        StringBuilder out = new StringBuilder();
        if (!Files.exists(file) || kind.equals("test")) {
            out.append("kind,label,bound,memory_match,kl_address,entropy,pixel_distance,label_mass,head_energy,"
                    + "feature_match\n");
        }
        for (int i = 0; i < pixel.length; i++) {
            out.append(String.format(
                    Locale.ROOT,
                    "%s,%d,%.4f,%.6f,%.4f,%.4f,%.3f,%.6f,%.4f,%.6f%n",
                    kind,
                    labels[i],
                    s.bound()[i],
                    s.memoryMatch()[i],
                    s.klAddress()[i],
                    s.entropy()[i],
                    pixel[i],
                    s.labelMass()[i],
                    l.energy()[i],
                    l.featureMatch()[i]));
        }
        if (kind.equals("test")) {
            Files.writeString(file, out);
        } else {
            Files.writeString(file, out, java.nio.file.StandardOpenOption.APPEND);
        }
    }

    private static int[] labels(MnistDataset data, int[] indices) {
        int[] out = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            out[i] = data.label(indices[i]);
        }
        return out;
    }

    /** The scorer's calibration from these references; with {@code head} null, as for a model without a label head. */
    private static NoveltyCalibration calibration(MemoryScores references, LabelScores head) {
        return NoveltyCalibration.of(ReferenceScores.newBuilder()
                .setMemorySet("mnist")
                .setModelVersion(1)
                .setMemoryVersion(1)
                .setReferenceVersion(1)
                .setMemoryMatch(list(references.memoryMatch()))
                .setAddressEntropy(list(references.entropy()))
                .setBound(list(references.bound()))
                .setHeadEnergy(head == null ? null : list(head.energy()))
                .setFeatureMatch(head == null ? null : list(head.featureMatch()))
                .build());
    }

    private static Map<String, Roc> candidates(
            MemoryScores s,
            LabelScores l,
            NoveltyCalibration calibration,
            NoveltyCalibration unlabelled,
            double[] pixel,
            boolean[] novel) {
        Map<String, Roc> out = new LinkedHashMap<>();
        out.put("novelty", new Roc(novelty(s, l, calibration), novel));
        out.put("head energy", new Roc(l.energy(), novel));
        out.put("head feature distance", new Roc(complement(l.featureMatch()), novel));
        out.put("VMA novelty (no head)", new Roc(novelty(s, null, unlabelled), novel));
        out.put("match distance", new Roc(negated(s.memoryMatch()), novel));
        out.put("-bound", new Roc(negated(s.bound()), novel));
        out.put("-KL(a)", new Roc(negated(s.klAddress()), novel));
        out.put("address entropy", new Roc(s.entropy(), novel));
        out.put("pixel 1-NN", new Roc(pixel, novel));
        return out;
    }

    private static Map<String, Roc> outOfDomain(
            MemoryScores digits,
            LabelScores digitLabels,
            MemoryScores foreign,
            LabelScores foreignLabels,
            NoveltyCalibration calibration,
            NoveltyCalibration unlabelled,
            double[] pixel,
            double[] foreignPixel,
            boolean[] novel) {
        int seen = seenOnly(digits.bound(), novel).length;
        boolean[] positive = positivesAfter(seen, foreign.bound().length);
        Map<String, Roc> out = new LinkedHashMap<>();
        out.put(
                "novelty",
                new Roc(
                        concat(
                                seenOnly(novelty(digits, digitLabels, calibration), novel),
                                novelty(foreign, foreignLabels, calibration)),
                        positive));
        out.put(
                "head energy",
                new Roc(concat(seenOnly(digitLabels.energy(), novel), foreignLabels.energy()), positive));
        out.put(
                "head feature distance",
                new Roc(
                        concat(
                                seenOnly(complement(digitLabels.featureMatch()), novel),
                                complement(foreignLabels.featureMatch())),
                        positive));
        out.put(
                "VMA novelty (no head)",
                new Roc(
                        concat(seenOnly(novelty(digits, null, unlabelled), novel), novelty(foreign, null, unlabelled)),
                        positive));
        out.put(
                "match distance",
                new Roc(
                        concat(seenOnly(negated(digits.memoryMatch()), novel), negated(foreign.memoryMatch())),
                        positive));
        out.put(
                "-bound",
                new Roc(concat(seenOnly(negated(digits.bound()), novel), negated(foreign.bound())), positive));
        out.put("pixel 1-NN", new Roc(concat(seenOnly(pixel, novel), foreignPixel), positive));
        return out;
    }

    /** 1 - v, element-wise. */
    private static double[] complement(double[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = 1 - values[i];
        }
        return out;
    }

    private static double[] plus(double[] a, double[] b) {
        double[] out = new double[a.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = a[i] + b[i];
        }
        return out;
    }

    /** Values in units of the references' interquartile range above their median, as novelty's own terms are. */
    private static double[] onReferenceScale(double[] values, double[] references) {
        double[] sorted = references.clone();
        Arrays.sort(sorted);
        double centre = NoveltyCalibration.quantile(sorted, 0.5);
        double spread =
                Math.max(1e-6, NoveltyCalibration.quantile(sorted, 0.75) - NoveltyCalibration.quantile(sorted, 0.25));
        double[] out = new double[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (values[i] - centre) / spread;
        }
        return out;
    }

    /** Novelty as the scorer computes it; {@code l} null for a calibration without the head's terms. */
    private static double[] novelty(MemoryScores s, LabelScores l, NoveltyCalibration calibration) {
        double[] out = new double[s.bound().length];
        for (int i = 0; i < out.length; i++) {
            out[i] = calibration.novelty(new NoveltyTerms(
                    s.memoryMatch()[i],
                    s.entropy()[i],
                    s.bound()[i],
                    l == null ? Double.NaN : l.energy()[i],
                    l == null ? Double.NaN : l.featureMatch()[i]));
        }
        return out;
    }

    private static double[] pValues(MemoryScores s, LabelScores l, NoveltyCalibration calibration) {
        double[] novelty = novelty(s, l, calibration);
        for (int i = 0; i < novelty.length; i++) {
            novelty[i] = calibration.pValue(novelty[i]);
        }
        return novelty;
    }

    /** {false alarms at 1%, detected at 1%, false alarms at 5%, detected at 5%}. */
    private static double[] flagRates(double[] pValues, boolean[] novel) {
        double[] out = new double[2 * RATES.length];
        for (int r = 0; r < RATES.length; r++) {
            long falseAlarms = 0;
            long detected = 0;
            long negatives = 0;
            for (int i = 0; i < pValues.length; i++) {
                boolean flagged = pValues[i] <= RATES[r];
                if (novel[i]) {
                    detected += flagged ? 1 : 0;
                } else {
                    negatives++;
                    falseAlarms += flagged ? 1 : 0;
                }
            }
            out[2 * r] = (double) falseAlarms / negatives;
            out[2 * r + 1] = (double) detected / (pValues.length - negatives);
        }
        return out;
    }

    private String summary(Map<String, List<Double>> lodo, Map<String, List<Double>> ood, List<double[]> flagRates) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "Novelty benchmark: %d held-out digits, %d s training each, |M| = %d, " + "%d references, K = %d%n",
                digits.length,
                trainSeconds,
                memorySize,
                referenceCount,
                MemoryScores.SAMPLES));
        out.append(
                String.format(Locale.ROOT, "%-34s %10s %10s %12s%n", "candidate", "mean AUROC", "worst", "OOD AUROC"));
        for (Map.Entry<String, List<Double>> c : lodo.entrySet()) {
            List<Double> outside = ood.get(c.getKey());
            out.append(String.format(
                    Locale.ROOT,
                    "%-34s %10.3f %10.3f %12s%n",
                    c.getKey(),
                    c.getValue().stream()
                            .mapToDouble(Double::doubleValue)
                            .average()
                            .orElse(Double.NaN),
                    c.getValue().stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN),
                    outside == null
                            ? ""
                            : f(outside.stream()
                                    .mapToDouble(Double::doubleValue)
                                    .average()
                                    .orElse(Double.NaN))));
        }
        for (int r = 0; r < RATES.length; r++) {
            int column = r;
            out.append(String.format(
                    Locale.ROOT,
                    "flag at target %.0f%%: false alarms on seen digits %.4f, held-out digit "
                            + "detected %.3f (means over digits)%n",
                    100 * RATES[r],
                    flagRates.stream().mapToDouble(v -> v[2 * column]).average().orElse(Double.NaN),
                    flagRates.stream()
                            .mapToDouble(v -> v[2 * column + 1])
                            .average()
                            .orElse(Double.NaN)));
        }
        return out.toString();
    }

    private static String row(String protocol, String heldOut, String candidate, Roc roc, double[] rates) {
        double[] interval = roc.interval(200, 7);
        StringBuilder row = new StringBuilder(String.format(
                Locale.ROOT,
                "%s,%s,%s,%.4f,%.4f,%.4f",
                protocol,
                heldOut,
                candidate,
                roc.auroc(),
                interval[0],
                interval[1]));
        for (int i = 0; i < 2 * RATES.length; i++) {
            row.append(',').append(rates == null ? "" : String.format(Locale.ROOT, "%.4f", rates[i]));
        }
        return row.toString();
    }

    private float[] omniglot() throws IOException {
        if (outOfDomain == 0 || !Files.exists(omniglot)) {
            LOG.warn("no Omniglot at {}: the out-of-domain protocol is skipped", omniglot);
            return new float[0];
        }
        OmniglotCharacters characters = OmniglotCharacters.load(List.of(omniglot), OmniglotSize.AREA_28);
        int total = 0;
        for (int c = 0; c < characters.classCount(); c++) {
            total += characters.drawingCount(c);
        }
        int stride = Math.max(1, total / outOfDomain);
        float[] out = new float[Math.min(outOfDomain, total) * DIMENSION];
        int n = 0;
        int seen = 0;
        for (int c = 0; c < characters.classCount() && n < out.length / DIMENSION; c++) {
            for (int d = 0; d < characters.drawingCount(c) && n < out.length / DIMENSION; d++, seen++) {
                if (seen % stride == 0) {
                    System.arraycopy(characters.image(c, d), 0, out, n++ * DIMENSION, DIMENSION);
                }
            }
        }
        LOG.info("out of domain: {} Omniglot drawings from {}", n, omniglot);
        return Arrays.copyOf(out, n * DIMENSION);
    }

    private static int[] shuffledWithout(MnistDataset data, int digit, long seed) {
        int[] out = new int[data.size()];
        int n = 0;
        for (int i = 0; i < data.size(); i++) {
            if (data.label(i) != digit) {
                out[n++] = i;
            }
        }
        out = Arrays.copyOf(out, n);
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = out[i];
            out[i] = out[j];
            out[j] = t;
        }
        return out;
    }

    private static float[] images(MnistDataset data, int[] indices) {
        float[] out = new float[indices.length * DIMENSION];
        for (int i = 0; i < indices.length; i++) {
            data.image(indices[i], out, i * DIMENSION);
        }
        return out;
    }

    private static int[] all(int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = i;
        }
        return out;
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static double[] concat(double[] a, double[] b) {
        double[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static double[] seenOnly(double[] values, boolean[] novel) {
        double[] out = new double[values.length];
        int n = 0;
        for (int i = 0; i < values.length; i++) {
            if (!novel[i]) {
                out[n++] = values[i];
            }
        }
        return Arrays.copyOf(out, n);
    }

    private static boolean[] positivesAfter(int negatives, int positives) {
        boolean[] out = new boolean[negatives + positives];
        Arrays.fill(out, negatives, out.length, true);
        return out;
    }

    private static double[] negated(double[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = -values[i];
        }
        return out;
    }

    private static List<Double> list(double[] values) {
        List<Double> out = new ArrayList<>(values.length);
        for (double v : values) {
            out.add(v);
        }
        return out;
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
