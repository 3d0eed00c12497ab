package io.autorecovery.rag.search;

/** Turns text into a unit-length vector whose cosine with another tells how alike their meanings are. */
public interface TextEmbedder {

    float[] embed(String text);

    /** Names the model, so that vectors of another model are recomputed rather than compared. */
    String model();
}
