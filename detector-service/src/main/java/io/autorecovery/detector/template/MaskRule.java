package io.autorecovery.detector.template;

/** Why a token of a log message was taken as a variable and replaced by {@code <*>}. */
public enum MaskRule {
    QUOTED("a quoted value"),
    URL("a URL (contains ://)"),
    PATH("a file system path"),
    UUID("a UUID"),
    IP("an IPv4 address, with or without port"),
    HEX("a hexadecimal number or id"),
    DURATION("a number with a time unit"),
    NUMBER("a number"),
    WITH_DIGITS("an identifier containing digits");

    private final String reason;

    MaskRule(String reason) {
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
