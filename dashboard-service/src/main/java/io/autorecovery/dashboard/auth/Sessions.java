package io.autorecovery.dashboard.auth;

import io.autorecovery.dashboard.DashboardConfig;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Login sessions in Redis, shared by every dashboard instance. The browser holds only an opaque
 * random id; Redis maps it to the person and forgets it after the session timeout without use.
 */
@ApplicationScoped
public class Sessions {

    /** Prefix of the session keys; the rest of the key is the session id. */
    public static final String KEY_PREFIX = "dashboard:session:";

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ReactiveRedisDataSource redis;
    private final Duration timeout;

    Sessions(ReactiveRedisDataSource redis, DashboardConfig config) {
        this.redis = redis;
        this.timeout = config.auth().sessionTimeout();
    }

    public Duration timeout() {
        return timeout;
    }

    /** Opens a session for the person and emits its id. */
    public Uni<String> open(Person person) {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        String value = person.role() + ":" + person.name();

        return redis.execute("SET", KEY_PREFIX + id, value, "PX", Long.toString(timeout.toMillis()))
                .replaceWith(id);
    }

    /** The person of a live session, renewing its timeout; empty for an unknown or expired id. */
    public Uni<Optional<Person>> find(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            return Uni.createFrom().item(Optional.empty());
        }
        return redis.execute("GETEX", KEY_PREFIX + id, "PX", Long.toString(timeout.toMillis()))
                .map(value -> value == null ? Optional.<Person>empty() : person(value.toString()));
    }

    public Uni<Void> close(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            return Uni.createFrom().voidItem();
        }
        return redis.execute("DEL", KEY_PREFIX + id).replaceWithVoid();
    }

    private static Optional<Person> person(String value) {
        int colon = value.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        String role = value.substring(0, colon);
        return Optional.of(new Person(value.substring(colon + 1), role.equals("operator")));
    }
}
