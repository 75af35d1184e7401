package org.vmastream.memory.query;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.vmastream.memory.MemoryStoreConfig;
import org.vmastream.memory.store.MemoryView;
import org.vmastream.runtime.http.HttpService;
import org.vmastream.schemas.MemorySetState;

/**
 * Interactive queries of the memory sets held by this instance's tasks:
 * {@code GET /memory} lists the sets (size, dimension, version, offered, evicted) and
 * {@code GET /memory/<set>} adds the entries with their read counts, and the held-out references
 * (pool state and entries) under {@code references}. With several instances each
 * answers for the sets of its own partitions.
 */
public final class MemoryQueries implements HttpService.Route {
    private final KafkaStreams streams;
    private final MemoryStoreConfig config;

    public MemoryQueries(KafkaStreams streams, MemoryStoreConfig config) {
        this.streams = streams;
        this.config = config;
    }

    @Override
    public HttpService.Response handle(String path, Map<String, String> query) {
        try {
            return answer(path);
        } catch (InvalidStateStoreException e) {
            throw new HttpService.Unavailable(
                    "memory is not queryable yet (" + e.getMessage() + "): a restore or rebalance is under way", e);
        }
    }

    private HttpService.Response answer(String path) {
        MemoryView view = view();
        String rest = path.replaceFirst("^/memory/?", "");
        if (rest.isEmpty()) {
            return HttpService.Response.json(
                    view.sets().stream().map(MemoryQueries::describe).toList());
        }
        String set = URLDecoder.decode(rest, StandardCharsets.UTF_8);
        MemorySetState state = view.state(set)
                .orElseThrow(() -> new HttpService.NotFound("memory set '" + set + "' is not held by this instance"));
        Map<String, Object> body = describe(state);
        body.put("capacity", config.capacity());
        body.put("eviction", config.eviction().name().toLowerCase(java.util.Locale.ROOT));
        body.put("entries", view.entries(set));
        MemoryView references = MemoryView.queryReferences(streams, config);
        references.state(set).ifPresent(pool -> {
            Map<String, Object> held = describe(pool);
            held.put("entries", references.entries(set));
            body.put("references", held);
        });
        return HttpService.Response.json(body);
    }

    private MemoryView view() {
        return MemoryView.query(streams, config);
    }

    private static Map<String, Object> describe(MemorySetState state) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("memorySet", state.getMemorySet());
        out.put("size", state.getSize());
        out.put("dimension", state.getDimension());
        out.put("version", state.getVersion());
        out.put("offered", state.getOffered());
        out.put("evicted", state.getEvicted());
        return out;
    }
}
