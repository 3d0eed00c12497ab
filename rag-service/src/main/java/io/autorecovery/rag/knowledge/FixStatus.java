package io.autorecovery.rag.knowledge;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/** Whether a piece of knowledge has been proven by a deploy: it ranks retrieval results. */
public enum FixStatus {
    /** A real deploy of this fix held through its verification window. */
    VERIFIED("verified", 1.25),
    /** Not tried yet, or only in a dry run. */
    UNTRIED("untried", 1.0),
    /** Deployed and rolled back or failed: never offered as a good example. */
    REVERTED("reverted", 0.25);

    private final String code;
    private final double weight;

    FixStatus(String code, double weight) {
        this.code = code;
        this.weight = weight;
    }

    @JsonValue
    public String code() {
        return code;
    }

    /** The factor a retrieval score is multiplied by. */
    public double weight() {
        return weight;
    }

    @JsonCreator
    public static FixStatus of(String code) {
        return Arrays.stream(values())
                .filter(status -> status.code.equals(code))
                .findFirst()
                .orElseThrow(() -> new InvalidDocumentException(
                        "unknown status '" + code + "'; known: verified, untried, reverted"));
    }
}
