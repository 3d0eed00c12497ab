package io.autorecovery.dashboard.auth;

/** Someone logged in to the dashboard: their name from the token entry, and whether they may act. */
public record Person(String name, boolean operator) {

    /** Key of the request property that carries the authenticated person. */
    public static final String PROPERTY = "dashboard.person";

    public String role() {
        return operator ? "operator" : "viewer";
    }
}
