package org.vmastream.launcher.stream;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import java.util.concurrent.Callable;
import org.vmastream.runtime.http.HttpConfig;
import org.vmastream.runtime.http.HttpService;
import org.vmastream.runtime.kafka.KafkaRuntime;
import org.vmastream.runtime.metrics.MetricsRegistry;
import org.vmastream.runtime.settings.Settings;
import org.vmastream.trainer.OnlineTrainer;
import org.vmastream.trainer.TrainerConfig;
import org.vmastream.trainer.TrainerMetrics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code vma trainer}: online VIMCO training from the exemplar topic, publishing to the model topic. */
@Command(
        name = "trainer",
        mixinStandardHelpOptions = true,
        description = "Train online: exemplars from the training topic into a replay buffer, VIMCO steps on episodes "
                + "drawn from it, checkpoints published to the compacted model topic. Resumes from the latest "
                + "published version. Runs until Ctrl-C or trainer.max.steps.")
public final class OnlineTrainerCommand implements Callable<Integer> {
    @Mixin
    SettingsOptions options;

    @Override
    public Integer call() throws Exception {
        Settings settings = options.load(Map.of());
        PrometheusMeterRegistry metrics = MetricsRegistry.create("trainer");
        Shutdown shutdown = new Shutdown();
        try (KafkaRuntime kafka = KafkaRuntime.open(settings);
                OnlineTrainer trainer = new OnlineTrainer(
                        TrainerConfig.from(settings),
                        kafka.connection(),
                        kafka.topics().modelTopic());
                HttpService http = HttpService.start(HttpConfig.from(settings))) {
            TrainerMetrics.bind(trainer, metrics);
            MetricsRegistry.serve(http, metrics);
            Thread thread = new Thread(trainer, "vma-trainer");
            thread.start();
            while (thread.isAlive() && !shutdown.requested()) {
                thread.join(500);
            }
            trainer.close();
            thread.join();
            return trainer.status().state() == org.vmastream.trainer.TrainerStatus.State.FAILED ? 1 : 0;
        } finally {
            shutdown.finished();
        }
    }
}
