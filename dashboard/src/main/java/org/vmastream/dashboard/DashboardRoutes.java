package org.vmastream.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.vmastream.memory.store.EntrySummary;
import org.vmastream.memory.store.MemorySnapshot;
import org.vmastream.memory.store.MemoryView;
import org.vmastream.runtime.http.HttpService;
import org.vmastream.schemas.Address;
import org.vmastream.schemas.MemorySetState;
import org.vmastream.scorer.ScorerService;

/**
 * Serves the dashboard: the page and its bundled script under {@code /dashboard/} (built by the
 * Maven build with npm and esbuild into the classpath), the data it polls at
 * {@code /api/dashboard}, and samples generated from one memory entry at
 * {@code /api/dashboard/samples?set=S&entry=ID}.
 */
public final class DashboardRoutes {
    private static final int READS_SHOWN = 24;
    private static final Map<String, String> TYPES = Map.of(
            "html",
            "text/html; charset=utf-8",
            "js",
            "text/javascript; charset=utf-8",
            "css",
            "text/css; charset=utf-8");

    private DashboardRoutes() {}

    public static void install(HttpService http, DashboardFeed feed, ScorerService scorer) {
        http.route("/dashboard", (path, query) -> asset(path));
        http.route(
                "/api/dashboard",
                (path, query) -> HttpService.Response.json(
                        path.endsWith("/samples")
                                ? Samples.of(scorer, query.get("set"), query.get("entry"), count(query.get("count")))
                                : data(feed, scorer)));
    }

    private static int count(String text) {
        try {
            return text == null ? 8 : Math.max(1, Math.min(32, Integer.parseInt(text)));
        } catch (NumberFormatException e) {
            return 8;
        }
    }

    private static HttpService.Response asset(String path) throws IOException {
        String name = path.replaceFirst("^/dashboard/?", "");
        if (name.isEmpty()) {
            name = "index.html";
        }
        if (!name.matches("[A-Za-z0-9.]+")) {
            throw new HttpService.NotFound("no such file: " + name);
        }
        try (InputStream in = DashboardRoutes.class.getResourceAsStream("/dashboard/" + name)) {
            if (in == null) {
                throw new HttpService.NotFound("no such file: " + name);
            }
            String type = TYPES.getOrDefault(name.substring(name.lastIndexOf('.') + 1), "application/octet-stream");
            return new HttpService.Response(200, type, in.readAllBytes());
        }
    }

    static Map<String, Object> data(DashboardFeed feed, ScorerService scorer) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("generatedAt", System.currentTimeMillis());
        out.put("modelVersion", scorer.models().current().map(m -> m.version()).orElse(-1L));
        out.put("eventsTotal", feed.total());
        out.put("eventsPerSecond", feed.eventsPerSecond(5));
        out.put("series", feed.series());
        List<DashboardFeed.RecentEvent> recent = feed.recent();
        MemoryView memory = memoryView(scorer);
        List<Map<String, Object>> sets = new ArrayList<>();
        List<Map<String, Object>> reads = new ArrayList<>();
        Map<String, MemorySnapshot> snapshots = new HashMap<>();
        if (memory != null) {
            try {
                for (MemorySetState state : memory.sets()) {
                    sets.add(Map.of(
                            "memorySet", state.getMemorySet(), "size", state.getSize(), "version", state.getVersion()));
                }
                String shown = recent.isEmpty() ? null : recent.get(0).memorySet();
                if (shown != null) {
                    memory.entries(shown).stream()
                            .sorted(Comparator.comparingLong(EntrySummary::reads)
                                    .reversed())
                            .limit(READS_SHOWN)
                            .forEach(e -> reads.add(Map.of(
                                    "id", e.id(), "label", e.label() == null ? "" : e.label(), "reads", e.reads())));
                }
                for (DashboardFeed.RecentEvent event : recent) {
                    snapshots.computeIfAbsent(event.memorySet(), memory::snapshot);
                }
            } catch (InvalidStateStoreException rebalancing) {
                // Stores move during start-up and rebalances: answer without memory this time.
                sets.clear();
                reads.clear();
                snapshots.clear();
            }
        }
        out.put("memorySets", sets);
        out.put("reads", reads);
        out.put(
                "recent",
                recent.stream()
                        .map(e -> recentEvent(e, snapshots.get(e.memorySet())))
                        .toList());
        List<Map<String, Object>> versions = new ArrayList<>();
        feed.versions().forEach((version, count) -> versions.add(Map.of("version", version, "events", count)));
        out.put("modelVersions", versions);
        out.put("evaluation", feed.evaluation());
        return out;
    }

    private static Map<String, Object> recentEvent(DashboardFeed.RecentEvent event, MemorySnapshot snapshot) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("eventId", event.eventId());
        out.put("memorySet", event.memorySet());
        out.put("bound", event.bound());
        out.put("anomaly", event.anomaly());
        out.put("shape", event.shape());
        out.put("pixels", event.pixels());
        List<Map<String, Object>> top = new ArrayList<>();
        for (Address address : event.top().subList(0, Math.min(3, event.top().size()))) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("exemplarId", address.getExemplarId());
            entry.put("label", address.getLabel());
            entry.put("probability", address.getProbability());
            entry.put("pixels", pixelsOf(snapshot, address.getExemplarId()));
            top.add(entry);
        }
        out.put("top", top);
        return out;
    }

    /** The entry's values, or null when it left memory since (or is a fallback entry). */
    private static float[] pixelsOf(MemorySnapshot snapshot, String id) {
        if (snapshot == null) {
            return null;
        }
        for (int row = 0; row < snapshot.size(); row++) {
            if (snapshot.ids()[row].equals(id)) {
                float[] out = new float[snapshot.dimension()];
                System.arraycopy(snapshot.values(), row * snapshot.dimension(), out, 0, out.length);
                return out;
            }
        }
        return null;
    }

    private static MemoryView memoryView(ScorerService scorer) {
        try {
            return MemoryView.query(scorer.streams(), scorer.memoryConfig());
        } catch (RuntimeException notRunningYet) {
            return null;
        }
    }
}
