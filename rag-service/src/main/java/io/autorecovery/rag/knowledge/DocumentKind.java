package io.autorecovery.rag.knowledge;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The kinds of knowledge the store holds. */
public enum DocumentKind {
    PAST_INCIDENT("past-incident"),
    RUNBOOK("runbook"),
    FIX("fix");

    private final String code;

    DocumentKind(String code) {
        this.code = code;
    }

    @JsonValue
    public String code() {
        return code;
    }

    /** Reads a kind; an unknown one is refused, since the store cannot rank what it does not know. */
    @JsonCreator
    public static DocumentKind of(String code) {
        return Arrays.stream(values())
                .filter(kind -> kind.code.equals(code))
                .findFirst()
                .orElseThrow(() -> new InvalidDocumentException("unknown document kind '" + code
                        + "'; known kinds: "
                        + Arrays.stream(values()).map(DocumentKind::code).collect(Collectors.joining(", "))));
    }
}
