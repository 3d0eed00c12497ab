package io.autorecovery.rag.search;

import io.autorecovery.rag.RagConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Provides the embedding model the service searches with. */
@ApplicationScoped
class Embedders {

    @Produces
    @Singleton
    TextEmbedder embedder(RagConfig config) {
        return new MiniLmEmbedder(config.search().maxEmbeddedChars());
    }
}
