package io.autorecovery.incident.auth;

/** Who called the API, as named by the token's entry, and whether they may act on incidents. */
public record Caller(String name, boolean operator) {

    public static final String PROPERTY = "incident.caller";
}
