package org.vmastream.launcher.stream;

import java.util.Map;
import java.util.concurrent.Callable;
import org.vmastream.runtime.kafka.KafkaRuntime;
import org.vmastream.runtime.settings.Settings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code vma broker}: a single-node KRaft broker in this process, with the project's topics, until Ctrl-C. */
@Command(
        name = "broker",
        mixinStandardHelpOptions = true,
        description = "Run a single-node Kafka broker (KRaft) on 127.0.0.1 with the vma topics, until Ctrl-C. "
                + "Other vma processes connect with --bootstrap-servers.")
public final class BrokerCommand implements Callable<Integer> {
    @Mixin
    SettingsOptions options;

    @Override
    public Integer call() throws Exception {
        Settings settings =
                options.load(Map.of("kafka.embedded.fresh", "false")).with(Map.of("kafka.bootstrap.servers", ""));
        Shutdown shutdown = new Shutdown();
        try (KafkaRuntime kafka = KafkaRuntime.open(settings)) {
            System.out.println(
                    "broker ready: --bootstrap-servers " + kafka.connection().bootstrapServers());
            System.out.flush();
            shutdown.await(null);
        } finally {
            shutdown.finished();
        }
        return 0;
    }
}
