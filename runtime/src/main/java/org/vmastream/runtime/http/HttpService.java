package org.vmastream.runtime.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The small HTTP server each role runs for people and tools (interactive queries, health,
 * metrics). The JDK's server is enough for a handful of read-only JSON routes and adds no
 * dependency. Bound to 127.0.0.1 unless configured otherwise.
 */
public final class HttpService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpService.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** A route: produces the response for a request, or throws {@link NotFound}. */
    @FunctionalInterface
    public interface Route {
        Response handle(String path, Map<String, String> query) throws Exception;
    }

    /** A response body with its content type and status. */
    public record Response(int status, String contentType, byte[] body) {
        public static Response json(Object value) {
            try {
                return new Response(200, "application/json", JSON.writeValueAsBytes(value));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public static Response text(String contentType, String body) {
            return new Response(200, contentType, body.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Thrown by a route for a resource that does not exist here. */
    public static final class NotFound extends RuntimeException {
        public NotFound(String message) {
            super(message);
        }
    }

    private final HttpServer server;

    private HttpService(HttpServer server) {
        this.server = server;
    }

    /** Starts a server on host:port (port 0 picks a free one). */
    public static HttpService start(String host, int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
            server.setExecutor(Executors.newFixedThreadPool(2, runnable -> {
                Thread thread = new Thread(runnable, "vma-http");
                thread.setDaemon(true);
                return thread;
            }));
            server.start();
            HttpService service = new HttpService(server);
            LOG.info("HTTP endpoint on {}", service.baseUrl());
            return service;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    /** Serves GET requests under {@code prefix} with {@code route}. */
    public HttpService route(String prefix, Route route) {
        server.createContext(prefix, exchange -> serve(exchange, route));
        return this;
    }

    /** e.g. http://127.0.0.1:8080 */
    public String baseUrl() {
        InetSocketAddress address = server.getAddress();
        return "http://" + address.getHostString() + ":" + address.getPort();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private static void serve(HttpExchange exchange, Route route) throws IOException {
        Response response;
        try {
            if (!"GET".equals(exchange.getRequestMethod())) {
                response = error(405, "only GET is supported");
            } else {
                response = route.handle(exchange.getRequestURI().getPath(), query(exchange.getRequestURI().getRawQuery()));
            }
        } catch (NotFound e) {
            response = error(404, e.getMessage());
        } catch (Exception e) {
            LOG.warn("HTTP {} failed", exchange.getRequestURI(), e);
            response = error(503, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        exchange.getResponseHeaders().set("Content-Type", response.contentType());
        exchange.sendResponseHeaders(response.status(), response.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(response.body());
        }
    }

    private static Response error(int status, String message) {
        Response json = Response.json(Map.of("error", message == null ? "" : message));
        return new Response(status, json.contentType(), json.body());
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new java.util.TreeMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(key, value);
        }
        return out;
    }
}
