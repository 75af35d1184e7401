package org.vmastream.runtime.metrics;

import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.vmastream.runtime.http.HttpService;

/**
 * One Prometheus registry per process, with JVM and process metrics bound, served as
 * {@code GET /metrics} in Prometheus' text format. Roles add their own meters to it.
 */
public final class MetricsRegistry {
    private MetricsRegistry() {}

    /** A registry with JVM metrics and the common tag {@code role}. */
    public static PrometheusMeterRegistry create(String role) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().commonTags("role", role);
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        return registry;
    }

    /** Serves the registry at {@code /metrics}. */
    public static void serve(HttpService http, PrometheusMeterRegistry registry) {
        http.route(
                "/metrics",
                (path, query) ->
                        HttpService.Response.text("text/plain; version=0.0.4; charset=utf-8", registry.scrape()));
    }
}
