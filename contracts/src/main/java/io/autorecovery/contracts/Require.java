package io.autorecovery.contracts;

/** Guards of the event records: a record missing a field that its readers rely on is never built. */
final class Require {

    private Require() {}

    static void present(Object value, String field) {
        if (value == null) {
            throw new IllegalArgumentException("missing required field '" + field + "'");
        }
        if (value instanceof String text && text.isBlank()) {
            throw new IllegalArgumentException("required field '" + field + "' is blank");
        }
    }
}
