package io.autorecovery.incident;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** In-memory channels, and the database reached through a {@link TcpProxy} that a test can cut. */
public class ProxiedDatabase extends IncidentChannels {

    static final TcpProxy PROXY = new TcpProxy(
            System.getenv().getOrDefault("DB_HOST", "localhost"),
            Integer.parseInt(System.getenv().getOrDefault("DB_PORT", "5432")));

    @Override
    public Map<String, String> start() {
        Map<String, String> config = super.start();
        try {
            PROXY.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String database = System.getenv().getOrDefault("DB_NAME", "incidents_test");
        config.put("quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:" + PROXY.port() + "/" + database);
        // Fail fast while the database is away, so that the test sees several retries.
        config.put("quarkus.datasource.jdbc.acquisition-timeout", "1s");
        config.put("quarkus.datasource.jdbc.additional-jdbc-properties.connectTimeout", "2");
        return config;
    }

    @Override
    public void stop() {
        try {
            PROXY.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        super.stop();
    }
}
