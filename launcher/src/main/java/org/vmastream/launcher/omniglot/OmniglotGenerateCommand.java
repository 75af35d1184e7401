package org.vmastream.launcher.omniglot;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.vmastream.datasets.episodes.Episode;
import org.vmastream.datasets.episodes.EpisodeSampler;
import org.vmastream.datasets.episodes.EpisodeShape;
import org.vmastream.experiments.omniglot.ImageGrid;
import org.vmastream.fewshot.conv.FewShotModel;
import org.vmastream.fewshot.eval.Generator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * One-shot generation as in the paper's Figure 4A: per row, the examples of one held-out character put in memory
 * (left, framed by a gap), then samples of x ~ p(x | z, m_a) with a ~ p(a) and z ~ p(z | m_a), drawn as pixel
 * probabilities.
 */
@Command(
        name = "generate",
        mixinStandardHelpOptions = true,
        description = "Sample new drawings of held-out characters from a few examples in memory (PNG grid).")
public final class OmniglotGenerateCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private OmniglotDataOptions data;

    @Mixin
    private CheckpointOption checkpoint;

    @Option(
            names = "--characters",
            defaultValue = "10",
            description = "Rows: held-out characters (default: ${DEFAULT-VALUE}).")
    private int characters;

    @Option(
            names = "--examples",
            defaultValue = "1",
            description = "Examples of the character in memory (default: ${DEFAULT-VALUE}).")
    private int examples;

    @Option(names = "--samples", defaultValue = "10", description = "Samples per row (default: ${DEFAULT-VALUE}).")
    private int samples;

    @Option(names = "--seed", defaultValue = "5", description = "Seed of the characters and samples.")
    private long seed;

    @Option(names = "--png", required = true, description = "The image to write.")
    private Path png;

    /** Results go to the command line's output, so that callers (and tests) can capture them. */
    private PrintWriter stdout() {
        return spec.commandLine().getOut();
    }

    @Override
    public Integer call() throws Exception {
        OmniglotDataOptions.Split split = data.load();
        FewShotModel model = checkpoint.load().model();
        int pixels = model.config().pixels();
        int dimension = model.config().dimension();
        EpisodeSampler sampler = new EpisodeSampler(split.test(), seed);
        SplittableRandom random = new SplittableRandom(seed);
        Generator generator = new Generator(model);
        ImageGrid grid = new ImageGrid(characters, examples + 1 + samples, pixels);
        for (int row = 0; row < characters; row++) {
            Episode episode = sampler.sample(new EpisodeShape(1, 1, examples, 0));
            for (int e = 0; e < examples; e++) {
                grid.put(row, e, episode.memory(), e * dimension);
            }
            float[] drawn = generator.generate(episode.memory(), episode.memorySize(), samples, random);
            for (int s = 0; s < samples; s++) {
                grid.put(row, examples + 1 + s, drawn, s * dimension);
            }
        }
        grid.write(png);
        stdout().println("wrote " + png);
        return 0;
    }
}
