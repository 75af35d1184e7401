package org.vmastream.trainer;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.ToDoubleFunction;

/** The online trainer's progress as Micrometer meters, read from its {@link TrainerStatus} at scrape time. */
public final class TrainerMetrics {
    private TrainerMetrics() {}

    public static void bind(OnlineTrainer trainer, MeterRegistry registry) {
        FunctionCounter.builder("vma.trainer.steps", trainer, t -> t.status().steps())
                .description("VIMCO steps made in total (resumed runs included)")
                .register(registry);
        gauge(
                registry,
                trainer,
                "vma.trainer.published.version",
                "newest model version acknowledged by the models topic",
                s -> s.lastPublishedVersion());
        gauge(registry, trainer, "vma.trainer.bound", "trailing mean training bound L_K, nats", TrainerStatus::bound);
        gauge(
                registry,
                trainer,
                "vma.trainer.kl.address",
                "trailing mean KL(q(a|x) || p(a)) in training, nats",
                TrainerStatus::klAddress);
        gauge(
                registry,
                trainer,
                "vma.trainer.kl.latent",
                "trailing mean KL of z in training, nats",
                TrainerStatus::klLatent);
        gauge(registry, trainer, "vma.trainer.steps.per.second", "recent training rate", TrainerStatus::stepsPerSecond);
        gauge(registry, trainer, "vma.trainer.buffer.size", "exemplars in the replay buffer", s -> s.bufferSize());
    }

    private static void gauge(
            MeterRegistry registry,
            OnlineTrainer trainer,
            String name,
            String description,
            ToDoubleFunction<TrainerStatus> value) {
        Gauge.builder(name, trainer, t -> value.applyAsDouble(t.status()))
                .description(description)
                .register(registry);
    }
}
