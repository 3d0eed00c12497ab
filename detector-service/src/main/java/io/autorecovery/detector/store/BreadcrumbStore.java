package io.autorecovery.detector.store;

import io.autorecovery.detector.config.DetectorConfig;
import io.vertx.mutiny.redis.client.Request;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The latest non-error log lines of each service, which give a fault its context. */
@ApplicationScoped
public class BreadcrumbStore {

    private static final String REMEMBER_SCRIPT = "remember-breadcrumbs.lua";

    private final RedisPipeline pipeline;
    private final DetectorConfig config;
    private final RedisScript rememberScript;

    BreadcrumbStore(RedisPipeline pipeline, DetectorConfig config) {
        this.pipeline = pipeline;
        this.config = config;
        this.rememberScript = RedisScript.read(REMEMBER_SCRIPT);
    }

    public void remember(String service, String line) {
        rememberAll(List.of(new Breadcrumb(service, line)));
    }

    /** Keeps the lines of a batch, in their order, with one call to Redis. */
    public void rememberAll(List<Breadcrumb> lines) {
        rememberRequest(lines)
                .ifPresent(call -> pipeline.run("keep " + lines.size() + " breadcrumbs", List.of(loadScript(), call)));
    }

    /**
     * The call that keeps the lines, to run in a pipeline after {@link #loadScript}; empty when there
     * is nothing to keep.
     */
    public Optional<Request> rememberRequest(List<Breadcrumb> lines) {
        if (config.breadcrumbs().count() == 0 || lines.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(rememberScript.evalsha(rememberArgs(lines)));
    }

    /** The call that makes {@link #rememberRequest} calls after it in the same pipeline runnable. */
    public Request loadScript() {
        return rememberScript.load();
    }

    /** One line to keep for a service. */
    public record Breadcrumb(String service, String line) {}

    private String[] rememberArgs(List<Breadcrumb> lines) {
        int count = config.breadcrumbs().count();
        Map<String, List<String>> byService = new LinkedHashMap<>();
        for (Breadcrumb breadcrumb : lines) {
            byService
                    .computeIfAbsent(breadcrumb.service(), service -> new ArrayList<>())
                    .add(breadcrumb.line());
        }
        List<String> args = new ArrayList<>();
        args.add(Integer.toString(byService.size()));
        byService.keySet().forEach(service -> args.add(RedisKeys.breadcrumbs(service)));
        args.add(Integer.toString(count));
        args.add(Long.toString(config.retention().toMillis()));
        byService.values().forEach(serviceLines -> {
            // Only the latest count lines of a service survive the trim: the rest need not travel.
            List<String> latest = serviceLines.subList(Math.max(0, serviceLines.size() - count), serviceLines.size());
            args.add(Integer.toString(latest.size()));
            args.addAll(latest);
        });

        return args.toArray(String[]::new);
    }
}
