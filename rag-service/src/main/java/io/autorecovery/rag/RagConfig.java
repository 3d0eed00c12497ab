package io.autorecovery.rag;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** Settings of the rag service, under {@code rag.}. */
@ConfigMapping(prefix = "rag")
public interface RagConfig {

    Search search();

    Gemini gemini();

    /** Retrieval. */
    interface Search {

        /** How many results of each list (lexical, semantic) enter the fusion. */
        @WithDefault("50")
        int candidates();

        /** The k of reciprocal rank fusion. */
        @WithDefault("60")
        int fusionConstant();

        /** How often the index compares itself with the store and rebuilds when they differ. */
        @WithDefault("30s")
        String stalenessCheck();

        /** Characters of a document or query that are embedded; the rest is not read by the model. */
        @WithDefault("1500")
        int maxEmbeddedChars();

        /** Longest document body the API accepts, in characters. */
        @WithDefault("32000")
        int maxBodyChars();

        /** Characters of an incident's log samples used for retrieval and prompting. */
        @WithDefault("6000")
        int maxSampleChars();
    }

    /** The optional diagnosis model; without an API key the diagnosis is retrieval only. */
    interface Gemini {

        Optional<String> apiKey();

        @WithDefault("gemini-2.5-flash")
        String model();

        /** Overrides the API's address, e.g. for a regional endpoint or a local stub. */
        Optional<String> baseUrl();

        /** Per-call HTTP timeout of the client, in milliseconds. */
        @WithDefault("20000")
        int timeoutMs();

        /** Input budget of one call, in characters (about four per token). */
        @WithDefault("16000")
        int maxInputChars();

        @WithDefault("1024")
        int maxOutputTokens();
    }
}
