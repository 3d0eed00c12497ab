package io.autorecovery.dashboard.support;

/** The login tokens of the test profile (see application.properties). */
public final class TestTokens {

    public static final String VIEWER = "test-dashboard-viewer-0001";
    public static final String OPERATOR = "test-dashboard-operator-0001";

    private TestTokens() {}

    public static String bearer(String token) {
        return "Bearer " + token;
    }
}
