package org.vmastream.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpServiceTest {
    private static final String TOKEN = "s3cret-token";
    private final HttpClient client = HttpClient.newHttpClient();
    private HttpService http;

    @BeforeEach
    void start() {
        http = HttpService.start(new HttpConfig("127.0.0.1", 0, Optional.of(TOKEN), 1024))
                .route("/health", (path, query) -> HttpService.Response.json(Map.of("status", "UP")))
                .route("/memory", (path, query) -> HttpService.Response.json(Map.of("sets", 1)))
                .route("/restoring", (path, query) -> {
                    throw new HttpService.Unavailable("memory is restoring", new IllegalStateException("store"));
                });
    }

    @AfterEach
    void stop() {
        http.close();
    }

    @Test
    void asksForTheTokenOnEveryRouteButHealth() throws Exception {
        HttpResponse<String> without = send(get("/memory"));
        assertThat(without.statusCode()).isEqualTo(401);
        assertThat(without.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"vma\"");
        assertThat(send(get("/memory").header("Authorization", "Bearer wrong")).statusCode())
                .isEqualTo(401);
        HttpResponse<String> with = send(get("/memory").header("Authorization", "Bearer " + TOKEN));
        assertThat(with.statusCode()).isEqualTo(200);
        assertThat(with.body()).contains("\"sets\" : 1");
        assertThat(send(get("/health")).statusCode()).isEqualTo(200);
    }

    @Test
    void refusesOversizedHeadersBodiesAndOtherMethods() throws Exception {
        HttpRequest.Builder big =
                get("/memory").header("Authorization", "Bearer " + TOKEN).header("X-Padding", "x".repeat(2000));
        HttpResponse<String> oversized = send(big);
        assertThat(oversized.statusCode()).isEqualTo(431);
        assertThat(oversized.body()).contains("http.max.request.bytes = 1024");
        HttpRequest.Builder withBody = HttpRequest.newBuilder(URI.create(http.baseUrl() + "/memory"))
                .header("Authorization", "Bearer " + TOKEN)
                .method("GET", HttpRequest.BodyPublishers.ofString("{}"));
        assertThat(send(withBody).statusCode()).isEqualTo(413);
        HttpRequest.Builder delete = HttpRequest.newBuilder(URI.create(http.baseUrl() + "/memory"))
                .header("Authorization", "Bearer " + TOKEN)
                .DELETE();
        assertThat(send(delete).statusCode()).isEqualTo(405);
    }

    @Test
    void answersARouteThatIsNotReadyWith503AndRetryAfter() throws Exception {
        HttpResponse<String> restoring = send(get("/restoring").header("Authorization", "Bearer " + TOKEN));

        assertThat(restoring.statusCode()).isEqualTo(503);
        assertThat(restoring.headers().firstValue("Retry-After")).contains("1");
        assertThat(restoring.body()).contains("memory is restoring");
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(URI.create(http.baseUrl() + path)).GET();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
