package io.autorecovery.dashboard.action;

import io.autorecovery.dashboard.DashboardConfig;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * A service the dashboard calls for an operator, with the dashboard's own bearer token for it. The
 * answer is relayed as it came (status, JSON or problem details), so that the page shows the
 * owning service's own reason for a refusal.
 */
final class Upstream {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3))
            .build();

    private final String name;
    private final DashboardConfig.Upstream settings;

    Upstream(String name, DashboardConfig.Upstream settings) {
        this.name = name;
        this.settings = settings;
    }

    Uni<Response> get(String path) {
        return send(request(path).GET());
    }

    Uni<Response> post(String path, String json) {
        return send(request(path)
                .header("Content-Type", MediaType.APPLICATION_JSON)
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(settings.url() + path))
                .timeout(settings.timeout())
                .header("Accept", MediaType.APPLICATION_JSON);
        settings.token().ifPresent(token -> request.header("Authorization", "Bearer " + token));
        return request;
    }

    private Uni<Response> send(HttpRequest.Builder request) {
        if (settings.token().isEmpty()) {
            return Uni.createFrom().item(failure(503, "the dashboard has no token for " + name));
        }
        return Uni.createFrom()
                .completionStage(() -> HTTP.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString()))
                .map(Upstream::relayed)
                .onFailure()
                .recoverWithItem(error -> {
                    Log.warnf("%s did not answer the dashboard: %s", name, error.toString());
                    return failure(502, name + " did not answer");
                });
    }

    private static Response relayed(HttpResponse<String> answer) {
        String type = answer.headers().firstValue("Content-Type").orElse(MediaType.APPLICATION_JSON);
        return Response.status(answer.statusCode())
                .type(type)
                .entity(answer.body())
                .build();
    }

    static Response failure(int status, String detail) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Map.of("status", status, "error", detail))
                .build();
    }
}
