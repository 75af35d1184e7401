package org.vmastream.launcher.stream;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import java.util.concurrent.Callable;
import org.vmastream.dashboard.DashboardFeed;
import org.vmastream.dashboard.DashboardRoutes;
import org.vmastream.memory.query.MemoryQueries;
import org.vmastream.runtime.http.HttpConfig;
import org.vmastream.runtime.http.HttpService;
import org.vmastream.runtime.kafka.KafkaRuntime;
import org.vmastream.runtime.metrics.MetricsRegistry;
import org.vmastream.runtime.settings.Settings;
import org.vmastream.scorer.ScorerService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code vma serve}: the memory store and scorer (one Kafka Streams application) with its HTTP endpoint. */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = "Run the memory store and the scorer: exemplars in, scores and dead letters out; models are "
                + "picked up from the model topic without a restart. Runs until Ctrl-C.")
public final class ServeCommand implements Callable<Integer> {
    @Mixin
    SettingsOptions options;

    @Override
    public Integer call() throws Exception {
        Settings settings = options.load(Map.of());
        DashboardFeed dashboard = new DashboardFeed(System::currentTimeMillis);
        PrometheusMeterRegistry metrics = MetricsRegistry.create("scorer");
        Shutdown shutdown = new Shutdown();
        try (KafkaRuntime kafka = KafkaRuntime.open(settings);
                ScorerService scorer =
                        ScorerService.start(settings, kafka.connection(), kafka.topics(), metrics, dashboard);
                HttpService http = HttpService.start(HttpConfig.from(settings))) {
            routes(http, scorer, metrics, dashboard);
            System.out.println("scorer running; dashboard at " + http.baseUrl() + "/dashboard/, memory queries at "
                    + http.baseUrl() + "/memory, metrics at " + http.baseUrl() + "/metrics");
            System.out.flush();
            shutdown.await(null);
        } finally {
            shutdown.finished();
        }
        return 0;
    }

    /** The scorer's HTTP routes: interactive queries of memory, health, Prometheus metrics and the dashboard. */
    public static void routes(
            HttpService http, ScorerService scorer, PrometheusMeterRegistry metrics, DashboardFeed dashboard) {
        MetricsRegistry.serve(http, metrics);
        DashboardRoutes.install(http, dashboard, scorer);
        http.route("/memory", new MemoryQueries(scorer.streams(), scorer.memoryConfig()));
        http.route(
                "/health",
                (path, query) -> HttpService.Response.json(Map.of(
                        "streams", scorer.streams().state().toString(),
                        "modelVersion",
                                scorer.models().current().map(m -> m.version()).orElse(-1L))));
    }
}
