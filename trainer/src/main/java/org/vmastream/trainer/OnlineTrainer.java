package org.vmastream.trainer;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vmastream.model.ModelConfig;
import org.vmastream.model.VmaModel;
import org.vmastream.model.addressing.Similarity;
import org.vmastream.model.label.LabelHead;
import org.vmastream.model.memory.MemoryKind;
import org.vmastream.model.train.StepMetrics;
import org.vmastream.model.train.VimcoTrainer;
import org.vmastream.runtime.kafka.KafkaConnection;
import org.vmastream.schemas.Exemplar;
import org.vmastream.schemas.ModelCheckpoint;
import org.vmastream.schemas.topics.Topic;
import org.vmastream.schemas.topics.Topics;
import org.vmastream.trainer.TrainerStatus.State;
import org.vmastream.trainer.episode.Episode;
import org.vmastream.trainer.episode.EpisodeBuilder;
import org.vmastream.trainer.feed.ExemplarFeed;
import org.vmastream.trainer.label.HeadTraining;
import org.vmastream.trainer.metrics.TrailingMetrics;
import org.vmastream.trainer.publish.CheckpointPublisher;
import org.vmastream.trainer.publish.LatestCheckpoints;
import org.vmastream.trainer.publish.PublishFailedException;
import org.vmastream.trainer.publish.PublishSchedule;
import org.vmastream.trainer.replay.ReplayBuffer;

/**
 * The online trainer: consumes exemplars into a replay buffer, makes VIMCO steps on episodes drawn
 * from it (each followed by one step of the label head on its labelled exemplars), and publishes
 * versioned checkpoints (version = steps done, the head alongside) to the models topic.
 *
 * <p>On start it resumes the newest checkpoint of its model on the models topic (parameters, Adam
 * moments and step count, so versions continue), else the configured initial checkpoint file, else
 * a fresh model whose data dimension is that of the first valid exemplar. A state not yet on the
 * topic is published at once, so scorers can start before training has data. It re-reads the tail
 * of the training topic (the buffer's capacity) to refill the buffer, then follows the topic.
 *
 * <p>Lifecycle: {@link #run()} once, on a thread of its own; it returns at {@code maxSteps} or after
 * {@link #close()} (from any other thread), in both cases after publishing its final state.
 * {@link #status()} may be called from any thread.
 */
public final class OnlineTrainer implements Runnable, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OnlineTrainer.class);
    /** Poll timeout while no step can be made: short, so new data and close() are noticed quickly. */
    private static final Duration WAIT_FOR_DATA = Duration.ofMillis(200);

    private static final Duration CHECKPOINT_READ_TIMEOUT = Duration.ofMinutes(2);
    /** Longest close() waits for the final publication (a large checkpoint takes seconds). */
    private static final Duration CLOSE_TIMEOUT = Duration.ofMinutes(2);

    private static final int TRAILING_STEPS = 100;

    private final TrainerConfig config;
    private final KafkaConnection connection;
    private final Topic<String, ModelCheckpoint> modelTopic;
    private final Topic<String, Exemplar> exemplarTopic;
    private final ModelConfig architecture;
    private final AtomicBoolean started = new AtomicBoolean();
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean stopRequested;
    private volatile ExemplarFeed feed;
    private volatile TrainerStatus status = TrainerStatus.starting();

    // State of the running thread only.
    private final TrailingMetrics trailing = new TrailingMetrics(TRAILING_STEPS);
    private ReplayBuffer buffer;
    private VimcoTrainer trainer;
    private EpisodeBuilder episodes;
    private HeadTraining head;
    private PublishSchedule schedule;
    private CheckpointPublisher publisher;
    private long lastPublished = -1;

    /**
     * A trainer of the paper's MNIST architecture ({@code ModelConfig.mnistExemplar(0)}) sized to the
     * data, with the prior p(a) of {@code trainer.prior}.
     */
    public OnlineTrainer(TrainerConfig config, KafkaConnection connection, Topic<String, ModelCheckpoint> modelTopic) {
        this(
                config,
                connection,
                modelTopic,
                ModelConfig.mnistExemplar(0).with(Similarity.NORMALISED, config.prior(), ModelConfig.Precision.FLOAT));
    }

    /**
     * @param architecture the architecture of a fresh model: every field but the data (and memory)
     *                     dimension, which come from the first valid exemplar; must use exemplar memory.
     *                     Its prior is used as given ({@code trainer.prior} applies to the other constructor)
     */
    public OnlineTrainer(
            TrainerConfig config,
            KafkaConnection connection,
            Topic<String, ModelCheckpoint> modelTopic,
            ModelConfig architecture) {
        if (architecture.memory() != MemoryKind.EXEMPLAR) {
            throw new IllegalArgumentException("the online trainer builds its memory from exemplars; the architecture"
                    + " has " + architecture.memory() + " memory");
        }
        this.config = config;
        this.connection = connection;
        this.modelTopic = modelTopic;
        this.exemplarTopic = Topics.exemplars().withName(config.topic());
        this.architecture = architecture;
    }

    /**
     * Trains until {@code maxSteps} or {@link #close()}, then publishes the final state and returns.
     *
     * @throws IllegalStateException if called a second time
     */
    @Override
    public void run() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("an OnlineTrainer runs once; create another to train again");
        }
        try (CheckpointPublisher checkpoints =
                        new CheckpointPublisher(connection, modelTopic, config.modelName(), provenance());
                ExemplarFeed exemplars = ExemplarFeed.fromTail(
                        connection,
                        exemplarTopic,
                        config.bufferCapacity(),
                        "vma-trainer-" + config.modelName() + "-exemplars")) {
            publisher = checkpoints;
            feed = exemplars;
            chooseStart();
            train();
            if (trainer != null && trainer.steps() > lastPublished) {
                publish("final");
            }
            updateStatus(State.STOPPED);
            LOG.info("trainer of model {} stopped at step {}", config.modelName(), steps());
        } catch (RuntimeException e) {
            updateStatus(State.FAILED);
            LOG.error("trainer of model {} failed: {}", config.modelName(), e.getMessage(), e);
            throw e;
        } finally {
            feed = null;
            finished.countDown();
        }
    }

    /** Resumes the newest published or the initial checkpoint; without one the model waits for data. */
    private void chooseStart() {
        Optional<StartingPoint> start =
                StartingPoint.find(config, new LatestCheckpoints(connection, modelTopic, CHECKPOINT_READ_TIMEOUT));
        if (start.isEmpty()) {
            // The first episode's worth of exemplars of one size decides the model's data dimension.
            int quorum = config.memorySize() + config.batchSize();
            buffer = ReplayBuffer.dimensionByQuorum(config.bufferCapacity(), quorum);
            LOG.info(
                    "model {} has no checkpoint: a fresh model starts once {} valid exemplars of {} share one size",
                    config.modelName(),
                    quorum,
                    config.topic());
            return;
        }
        StartingPoint point = start.get();
        buffer = ReplayBuffer.ofDimension(
                config.bufferCapacity(), point.checkpoint().model().dataDim());
        begin(point.restore(config.training()), point.head(), point.origin(), point.published());
    }

    private void begin(VimcoTrainer state, LabelHead startHead, String origin, boolean published) {
        trainer = state;
        head = new HeadTraining(buffer, startHead, config.seed(), config.head());
        episodes =
                new EpisodeBuilder(buffer, config.episodes(), config.memorySize(), config.batchSize(), config.seed());
        schedule =
                new PublishSchedule(config.publishSteps(), config.publishInterval(), state.steps(), System.nanoTime());
        LOG.info(
                "model {}: training from {} at step {} ({} parameters, data dimension {})",
                config.modelName(),
                origin,
                state.steps(),
                state.model().parameters().size(),
                state.model().config().dataDim());
        if (published) {
            lastPublished = state.steps();
        } else {
            publish("initial");
        }
    }

    private void train() {
        while (!stopRequested && !(config.bounded() && steps() >= config.maxSteps())) {
            long pollStart = System.nanoTime();
            boolean ready = canStep();
            feed.poll(ready ? Duration.ZERO : WAIT_FOR_DATA, this::offer);
            if (trainer == null && buffer.size() > 0) {
                ModelConfig model = forData(architecture, buffer.dimension());
                begin(
                        new VimcoTrainer(VmaModel.initialise(model, config.seed()), config.training()),
                        null,
                        "a fresh initialisation",
                        false);
            }
            if (canStep()) {
                // Time waited for data is not the step's: count from here unless the poll did not wait.
                step(ready ? pollStart : System.nanoTime());
            }
            updateStatus(canStep() ? State.TRAINING : State.WAITING_FOR_DATA);
        }
    }

    /** Takes an exemplar into the replay buffer unless it is one of its memory set's references. */
    private void offer(Exemplar exemplar) {
        if (!config.references().isReference(exemplar.getMemorySet(), exemplar.getId())) {
            buffer.add(exemplar);
        }
    }

    private boolean canStep() {
        return trainer != null && buffer.size() >= config.memorySize() + config.batchSize();
    }

    private void step(long start) {
        Episode episode = episodes.build(trainer.steps());
        StepMetrics metrics = trainer.step(episode.targets(), episode.memory());
        head.step(trainer.steps());
        long now = System.nanoTime();
        trailing.add(metrics, (now - start) / 1e6);
        if (schedule.due(trainer.steps(), now)) {
            publish("scheduled");
        }
    }

    /** Publishes the current state; a failure is logged and retried at the next scheduled time. */
    private void publish(String why) {
        schedule.attempted(trainer.steps(), System.nanoTime());
        try {
            CheckpointPublisher.Publication publication =
                    publisher.publish(trainer, head.head().orElse(null), trailing.asMap());
            lastPublished = publication.version();
            LOG.info(
                    "published version {} of model {} ({}, {} bytes, {} ms): bound {} KL(a) {} KL(z) {}",
                    publication.version(),
                    config.modelName(),
                    why,
                    publication.parameterBytes(),
                    Math.round(publication.millis()),
                    format(trailing.bound()),
                    format(trailing.klAddress()),
                    format(trailing.klLatent()));
        } catch (PublishFailedException e) {
            LOG.error("{}; the next scheduled publication tries again", e.getMessage(), e);
        }
        updateStatus(status.state());
    }

    private void updateStatus(State state) {
        double rate = state == State.TRAINING && trailing.count() > 0 ? 1000 / trailing.millisPerStep() : 0;
        status = new TrainerStatus(
                state,
                steps(),
                lastPublished,
                buffer == null ? 0 : buffer.size(),
                trailing.bound(),
                trailing.klAddress(),
                trailing.klLatent(),
                rate);
    }

    private long steps() {
        return trainer == null ? 0 : trainer.steps();
    }

    /** A snapshot of progress; safe from any thread. */
    public TrainerStatus status() {
        return status;
    }

    /**
     * Asks {@link #run()} to stop, and waits (up to two minutes) until it has published its final
     * state and returned. Does nothing more when called again or when run() never started.
     */
    @Override
    public void close() {
        stopRequested = true;
        ExemplarFeed current = feed;
        if (current != null) {
            current.wakeup();
        }
        if (!started.get()) {
            return;
        }
        try {
            if (!finished.await(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("trainer of model {} did not stop within {} s", config.modelName(), CLOSE_TIMEOUT.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The VIMCO trainer being run, or null before a model exists; for tests, once run() has returned. */
    VimcoTrainer trainer() {
        return trainer;
    }

    /** {@code template} with the given data dimension (exemplar memory: the memory width too). */
    static ModelConfig forData(ModelConfig template, int dataDim) {
        return new ModelConfig(
                dataDim,
                MemoryKind.EXEMPLAR,
                dataDim,
                0,
                template.fallbackEntries(),
                template.similarity(),
                template.prior(),
                template.latentDim(),
                template.hidden1(),
                template.hidden2(),
                template.embeddingDim(),
                template.precision(),
                template.outputSkip());
    }

    private Map<String, String> provenance() {
        return Map.of(
                "source",
                "kafka topic " + config.topic(),
                "trainer",
                "vma-stream online trainer",
                "model.name",
                config.modelName());
    }

    private static String format(double value) {
        return String.format(java.util.Locale.ROOT, "%.2f", value);
    }
}
