package io.autorecovery.detector.store;

import io.autorecovery.detector.Fingerprint;

/** Names of the detector's Redis keys; every one starts with {@code detector:}. */
public final class RedisKeys {

    public static final String PREFIX = "detector:";

    private RedisKeys() {}

    /** Hash: service, fault class, template, first and last seen, count, when it was last announced. */
    public static String signature(Fingerprint fingerprint) {
        return PREFIX + "signature:" + fingerprint.value();
    }

    /** List: the latest samples of a fingerprint, newest first. */
    public static String samples(Fingerprint fingerprint) {
        return signature(fingerprint) + ":samples";
    }

    /** String whose time to live is the cooldown: present while the fingerprint keeps occurring. */
    public static String cooldown(Fingerprint fingerprint) {
        return PREFIX + "cooldown:" + fingerprint.value();
    }

    /** Sorted set: the times of a fingerprint's latest occurrences within the burst window. */
    public static String rate(Fingerprint fingerprint) {
        return PREFIX + "rate:" + fingerprint.value();
    }

    /** String whose time to live is the cooldown: present while a burst of the fingerprint lasts. */
    public static String burst(Fingerprint fingerprint) {
        return PREFIX + "burst:" + fingerprint.value();
    }

    /** Hash: the learned templates of a service, template id -> template text. */
    public static String templates(String service) {
        return PREFIX + "templates:" + service;
    }

    /** List: the latest non-error lines of a service, newest first. */
    public static String breadcrumbs(String service) {
        return PREFIX + "breadcrumbs:" + service;
    }
}
