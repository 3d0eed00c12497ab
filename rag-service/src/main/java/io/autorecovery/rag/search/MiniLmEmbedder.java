package io.autorecovery.rag.search;

import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;

/**
 * Sentence vectors from the all-MiniLM-L6-v2 model, which ships inside its jar and runs in process
 * on the CPU: no network is involved. Long text is cut first, as the model reads 256 tokens anyway.
 */
public class MiniLmEmbedder implements TextEmbedder {

    public static final String MODEL = "all-minilm-l6-v2";

    private final AllMiniLmL6V2EmbeddingModel model = new AllMiniLmL6V2EmbeddingModel();
    private final int maxChars;

    public MiniLmEmbedder(int maxChars) {
        this.maxChars = maxChars;
    }

    @Override
    public float[] embed(String text) {
        String cut = text.length() > maxChars ? text.substring(0, maxChars) : text;
        float[] vector = model.embed(cut.isBlank() ? "empty" : cut).content().vector();
        return Vectors.normalised(vector);
    }

    @Override
    public String model() {
        return MODEL;
    }
}
