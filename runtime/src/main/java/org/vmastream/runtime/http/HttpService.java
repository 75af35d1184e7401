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
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The small HTTP server each role runs for people and tools (interactive queries, health,
 * metrics). The JDK's server is enough for a handful of read-only JSON routes and adds no
 * dependency. Bound to 127.0.0.1 unless configured otherwise; with a token set, every route but
 * {@code /health} (for liveness probes) asks for it as {@code Authorization: Bearer <token>}.
 * Requests are GET only, without a body, and their request line and headers are limited in size.
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

    /**
     * Thrown by a route whose data is not ready yet (a state store restoring): answered 503 with
     * Retry-After and logged in one line, since it is expected and passes by itself.
     */
    public static final class Unavailable extends RuntimeException {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final HttpServer server;
    private final HttpConfig config;

    private HttpService(HttpServer server, HttpConfig config) {
        this.server = server;
        this.config = config;
    }

    /** Starts an open server on host:port (port 0 picks a free one) with the default request limit. */
    public static HttpService start(String host, int port) {
        return start(HttpConfig.open(host, port));
    }

    /** Starts a server as configured. */
    public static HttpService start(HttpConfig config) {
        String host = config.host();
        int port = config.port();
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
            server.setExecutor(Executors.newFixedThreadPool(2, runnable -> {
                Thread thread = new Thread(runnable, "vma-http");
                thread.setDaemon(true);
                return thread;
            }));
            server.start();
            HttpService service = new HttpService(server, config);
            LOG.info(
                    "HTTP endpoint on {}{}",
                    service.baseUrl(),
                    config.token().isPresent() ? " (bearer token required)" : "");
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

    private void serve(HttpExchange exchange, Route route) throws IOException {
        Response response;
        try {
            String path = exchange.getRequestURI().getPath();
            if (requestBytes(exchange) > config.maxRequestBytes()) {
                response = error(
                        431, "request line and headers exceed http.max.request.bytes = " + config.maxRequestBytes());
            } else if (hasBody(exchange)) {
                response = error(413, "requests carry no body here");
            } else if (!"GET".equals(exchange.getRequestMethod())) {
                response = error(405, "only GET is supported");
            } else if (!authorised(exchange, path)) {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"vma\"");
                response = error(401, "this endpoint needs Authorization: Bearer <http.token>");
            } else {
                response = route.handle(path, query(exchange.getRequestURI().getRawQuery()));
            }
        } catch (NotFound e) {
            response = error(404, e.getMessage());
        } catch (Unavailable e) {
            LOG.info("HTTP {}: 503, {}", exchange.getRequestURI(), e.getMessage());
            exchange.getResponseHeaders().set("Retry-After", "1");
            response = error(503, e.getMessage());
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

    private static long requestBytes(HttpExchange exchange) {
        long bytes = exchange.getRequestMethod().length()
                + exchange.getRequestURI().toString().length();
        for (Map.Entry<String, List<String>> header :
                exchange.getRequestHeaders().entrySet()) {
            for (String value : header.getValue()) {
                bytes += header.getKey().length() + value.length() + 4;
            }
        }
        return bytes;
    }

    private static boolean hasBody(HttpExchange exchange) {
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        return exchange.getRequestHeaders().containsKey("Transfer-Encoding")
                || (length != null && !length.trim().equals("0"));
    }

    private boolean authorised(HttpExchange exchange, String path) {
        if (config.token().isEmpty() || path.equals("/health")) {
            return true;
        }
        String given = exchange.getRequestHeaders().getFirst("Authorization");
        byte[] expected = ("Bearer " + config.token().get()).getBytes(StandardCharsets.UTF_8);
        // Constant time, so the comparison does not tell how much of a guess was right.
        return given != null && MessageDigest.isEqual(expected, given.trim().getBytes(StandardCharsets.UTF_8));
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
