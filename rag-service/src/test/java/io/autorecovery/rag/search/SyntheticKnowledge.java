package io.autorecovery.rag.search;

import io.autorecovery.contracts.FaultClass;
import io.autorecovery.rag.knowledge.DocumentKind;
import io.autorecovery.rag.knowledge.FixStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Generated knowledge documents of realistic shape, for measuring search over a large store. */
final class SyntheticKnowledge {

    private static final String[] SERVICES = {
        "checkout", "payments", "inventory", "search", "shipping", "billing", "accounts", "notifications",
        "catalog", "pricing", "media", "gateway", "ledger", "loyalty", "reporting", "recommendations"
    };
    private static final String[] ERRORS = {
        "java.sql.SQLTimeoutException: Query timeout after %s ms on table %s",
        "HikariPool-%s - Connection is not available, request timed out after %s ms",
        "ERROR: syntax error at or near \"%s\" position %s",
        "ERROR: deadlock detected, process %s waits for ShareLock on transaction %s",
        "java.net.SocketTimeoutException: Read timed out calling %s after %s ms",
        "HTTP %s Service Unavailable from %s",
        "429 Too Many Requests from %s, Retry-After %s",
        "java.lang.NullPointerException: Cannot invoke \"%s.get()\" because value is null at line %s",
        "java.lang.OutOfMemoryError: Java heap space while loading %s batch %s",
        "java.io.IOException: No space left on device writing %s part %s",
        "config property %s is required but could not be found (attempt %s)",
        "401 Unauthorized from %s: token expired %s seconds ago"
    };
    private static final String[] WORDS = {
        "orders",
        "invoices",
        "carts",
        "users",
        "events",
        "sessions",
        "stock",
        "prices",
        "images",
        "ledger",
        "quotes",
        "rates",
        "tokens",
        "exports",
        "reports",
        "coupons",
        "shipments",
        "refunds"
    };

    private SyntheticKnowledge() {}

    static List<IndexedDocument> documents(int count, Random random) {
        List<IndexedDocument> documents = new ArrayList<>(count);
        FaultClass[] classes = FaultClass.values();
        for (int i = 0; i < count; i++) {
            int error = random.nextInt(ERRORS.length);
            String service = SERVICES[random.nextInt(SERVICES.length)];
            String word = WORDS[random.nextInt(WORDS.length)];
            String message = String.format(
                    ERRORS[error], error % 2 == 0 ? random.nextInt(10_000) : word, random.nextInt(60_000));
            String frame = "\tat com.acme." + service + "." + capitalised(word) + "Service.handle(" + capitalised(word)
                    + "Service.java:" + (10 + random.nextInt(400)) + ")";
            String text = service + ": " + message + "\n" + frame + "\nObserved after release " + random.nextInt(50)
                    + "." + random.nextInt(20) + " on " + word + "; resolved by changing the " + word + " handling.";
            documents.add(new IndexedDocument(
                    "synthetic-" + i,
                    kind(random),
                    service + ": " + message,
                    List.of(classes[error % (classes.length - 1)]),
                    FixStatus.values()[random.nextInt(FixStatus.values().length)],
                    text));
        }
        return documents;
    }

    private static DocumentKind kind(Random random) {
        int draw = random.nextInt(10);
        return draw < 7 ? DocumentKind.PAST_INCIDENT : draw < 9 ? DocumentKind.FIX : DocumentKind.RUNBOOK;
    }

    private static String capitalised(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
