package org.vmastream.launcher.omniglot;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.vmastream.experiments.omniglot.QueryImages;
import org.vmastream.fewshot.conv.FewShotModel;
import org.vmastream.fewshot.eval.AddressClassifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Few-shot classification of any drawings in the Omniglot format with a trained VMA: the support folder's images
 * (one sub-folder per label) become the memory, and each query is labelled by p(c|x) = sum of q(a|x) over the
 * support images of label c. Prints one line per query: file, predicted label, its probability.
 */
@Command(
        name = "classify",
        mixinStandardHelpOptions = true,
        description = "Label query drawings from a few labelled support drawings (Omniglot format), no training.")
public final class ClassifyCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private CheckpointOption checkpoint;

    @Option(
            names = "--support",
            required = true,
            description = "A folder with one sub-folder of PNG drawings per label.")
    private Path support;

    @Option(names = "--queries", required = true, description = "A folder of PNG drawings to label.")
    private Path queries;

    /** Results go to the command line's output, so that callers (and tests) can capture them. */
    private PrintWriter stdout() {
        return spec.commandLine().getOut();
    }

    @Override
    public Integer call() throws Exception {
        FewShotModel model = checkpoint.loadAddressing("classify");
        int pixels = model.config().pixels();
        int dimension = model.config().dimension();
        List<String> labels = new ArrayList<>();
        List<float[]> supportImages = new ArrayList<>();
        List<Integer> supportLabels = new ArrayList<>();
        for (Path folder : QueryImages.labelFolders(support)) {
            List<QueryImages.Drawing> drawings = QueryImages.readFolder(folder, pixels);
            if (drawings.isEmpty()) {
                continue;
            }
            for (QueryImages.Drawing d : drawings) {
                supportImages.add(d.ink());
                supportLabels.add(labels.size());
            }
            labels.add(folder.getFileName().toString());
        }
        if (labels.isEmpty()) {
            throw new IllegalArgumentException(support + " has no sub-folder with PNG drawings (one per label)");
        }
        List<QueryImages.Drawing> queryImages = QueryImages.readFolder(queries, pixels);
        if (queryImages.isEmpty()) {
            throw new IllegalArgumentException(queries + " holds no PNG drawings");
        }
        float[] memory = new float[supportImages.size() * dimension];
        for (int i = 0; i < supportImages.size(); i++) {
            System.arraycopy(supportImages.get(i), 0, memory, i * dimension, dimension);
        }
        float[] targets = new float[queryImages.size() * dimension];
        for (int i = 0; i < queryImages.size(); i++) {
            System.arraycopy(queryImages.get(i).ink(), 0, targets, i * dimension, dimension);
        }
        int[] memoryLabels = supportLabels.stream().mapToInt(Integer::intValue).toArray();
        double[][] probabilities =
                new AddressClassifier(model).classify(targets, queryImages.size(), memory, memoryLabels, labels.size());
        int[] best = AddressClassifier.argmax(probabilities);
        for (int q = 0; q < best.length; q++) {
            stdout().printf(
                            Locale.ROOT,
                            "%s\t%s\t%.3f%n",
                            queries.relativize(queryImages.get(q).file()),
                            labels.get(best[q]),
                            probabilities[q][best[q]]);
        }
        return 0;
    }
}
