package io.autorecovery.rag.model;

import io.autorecovery.rag.RagChannels;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/** The service with Gemini configured against a local stub, short timeouts and quick retries. */
public class GeminiProfile implements QuarkusTestProfile {

    static final String CALL = "io.autorecovery.rag.model.GeminiClient/generate/";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "rag.gemini.timeout-ms",
                "1000",
                "rag.gemini.max-input-chars",
                "6000",
                CALL + "Retry/delay",
                "20",
                CALL + "Retry/jitter",
                "10",
                CALL + "CircuitBreaker/delay",
                "60000");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(RagChannels.class), new TestResourceEntry(GeminiStub.class));
    }
}
