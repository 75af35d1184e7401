package org.vmastream.runtime.http;

import java.util.Optional;
import org.vmastream.runtime.settings.ParsedSettings;
import org.vmastream.runtime.settings.RuntimeSettings;
import org.vmastream.runtime.settings.Settings;

/**
 * Where a role's HTTP endpoint listens and who may read it.
 *
 * @param host            interface to bind ({@code http.host}; 127.0.0.1 keeps it to the machine)
 * @param port            port ({@code http.port}; 0 picks a free one)
 * @param token           bearer token every request but {@code /health} must carry ({@code http.token}; empty: none)
 * @param maxRequestBytes most bytes of request line and headers accepted ({@code http.max.request.bytes})
 */
public record HttpConfig(String host, int port, Optional<String> token, int maxRequestBytes) {
    public HttpConfig {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("http.port must be in 0..65535: " + port);
        }
        if (maxRequestBytes < 256) {
            throw new IllegalArgumentException("http.max.request.bytes must be at least 256: " + maxRequestBytes);
        }
    }

    /** An open endpoint on host:port with the default request limit, for tests and tools. */
    public static HttpConfig open(String host, int port) {
        return new HttpConfig(host, port, Optional.empty(), 8192);
    }

    public static HttpConfig from(Settings settings) {
        ParsedSettings values = settings.parse(RuntimeSettings.HTTP.definition());
        return new HttpConfig(
                values.string(RuntimeSettings.HTTP_HOST),
                values.integer(RuntimeSettings.HTTP_PORT),
                values.optional(RuntimeSettings.HTTP_TOKEN),
                values.integer(RuntimeSettings.HTTP_MAX_REQUEST_BYTES));
    }
}
