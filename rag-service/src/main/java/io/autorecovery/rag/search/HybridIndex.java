package io.autorecovery.rag.search;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * Hybrid search over knowledge documents: BM25 over their text (Lucene, in memory) and cosine over
 * their embedding vectors (brute force), fused by reciprocal rank and weighted by whether the
 * knowledge held when deployed. Plain Java, safe for concurrent readers and writers.
 */
public class HybridIndex implements AutoCloseable {

    /** Which lists a search fuses; hybrid is what the service uses, the others are for comparison. */
    public enum Mode {
        LEXICAL,
        SEMANTIC,
        HYBRID
    }

    static final String ID = "id";
    static final String TEXT = "text";
    private static final int MAX_QUERY_TERMS = 256;
    private static final int MAX_QUERY_CHARS = 8_000;
    /** Below this cosine a document is unrelated to the query and stays out of the semantic list. */
    static final float MIN_COSINE = 0.2f;
    /** A lexical match scoring below this share of the best one is noise (a shared common word). */
    static final float MIN_LEXICAL_SHARE = 0.15f;

    private final LogAnalyzer analyzer = new LogAnalyzer();
    private final ByteBuffersDirectory directory = new ByteBuffersDirectory();
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final int candidates;
    private final int fusionConstant;
    private volatile VectorSnapshot vectors = new VectorSnapshot(new Entry[0], new float[0], 0);
    private volatile boolean vectorsChanged;

    private record Entry(IndexedDocument document, float[] vector) {}

    /**
     * @param candidates how many results of each list enter the fusion
     * @param fusionConstant the k of reciprocal rank fusion, 1 / (k + rank)
     */
    public HybridIndex(int candidates, int fusionConstant) {
        this.candidates = candidates;
        this.fusionConstant = fusionConstant;
        try {
            writer = new IndexWriter(directory, new IndexWriterConfig(analyzer));
            searchers = new SearcherManager(writer, null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the in-memory index", e);
        }
    }

    public void put(IndexedDocument document, float[] vector) {
        putWithoutRefresh(document, vector);
        refresh();
    }

    public void putAll(List<IndexedDocument> documents, List<float[]> vectors) {
        for (int i = 0; i < documents.size(); i++) {
            putWithoutRefresh(documents.get(i), vectors.get(i));
        }
        refresh();
    }

    public void remove(String id) {
        try {
            writer.deleteDocuments(new Term(ID, id));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + id + " from the index", e);
        }
        entries.remove(id);
        vectorsChanged = true;
        refresh();
    }

    public void clear() {
        try {
            writer.deleteAll();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear the index", e);
        }
        entries.clear();
        vectorsChanged = true;
        refresh();
    }

    public int size() {
        return entries.size();
    }

    public boolean contains(String id) {
        return entries.containsKey(id);
    }

    /** The k best documents for the query text and its vector (null: lexical only). */
    public List<SearchHit> search(String text, float[] queryVector, int k, Mode mode) {
        List<String> lexical = mode == Mode.SEMANTIC ? List.of() : lexical(text);
        List<String> semantic = mode == Mode.LEXICAL || queryVector == null ? List.of() : semantic(queryVector);
        Map<String, double[]> fused = new HashMap<>();
        fuse(lexical, fused, 0);
        fuse(semantic, fused, 1);

        return fused.entrySet().stream()
                .map(candidate -> hit(candidate.getKey(), candidate.getValue(), queryVector))
                .filter(hit -> hit != null)
                .sorted(Comparator.comparingDouble(SearchHit::score).reversed().thenComparing(SearchHit::id))
                .limit(k)
                .toList();
    }

    private void putWithoutRefresh(IndexedDocument document, float[] vector) {
        Document lucene = new Document();
        lucene.add(new StringField(ID, document.id(), Field.Store.YES));
        lucene.add(new TextField(TEXT, LogAnalyzer.expand(document.text()), Field.Store.NO));
        try {
            writer.updateDocument(new Term(ID, document.id()), lucene);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot index " + document.id(), e);
        }
        entries.put(document.id(), new Entry(document, vector));
        vectorsChanged = true;
    }

    private void refresh() {
        try {
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot refresh the index", e);
        }
    }

    private List<String> lexical(String text) {
        BooleanQuery query = query(text);
        if (query.clauses().isEmpty()) {
            return List.of();
        }
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                List<String> ids = new ArrayList<>();
                ScoreDoc[] found = searcher.search(query, candidates).scoreDocs;
                for (ScoreDoc match : found) {
                    if (match.score >= MIN_LEXICAL_SHARE * found[0].score) {
                        ids.add(searcher.storedFields().document(match.doc).get(ID));
                    }
                }
                return ids;
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot search the index", e);
        }
    }

    private BooleanQuery query(String text) {
        String cut = text.length() > MAX_QUERY_CHARS ? text.substring(0, MAX_QUERY_CHARS) : text;
        Set<String> terms = new LinkedHashSet<>();
        try (TokenStream tokens = analyzer.tokenStream(TEXT, new StringReader(LogAnalyzer.expand(cut)))) {
            CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
            tokens.reset();
            while (tokens.incrementToken() && terms.size() < MAX_QUERY_TERMS) {
                terms.add(term.toString());
            }
            tokens.end();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot analyse the query", e);
        }
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        terms.forEach(term -> query.add(new TermQuery(new Term(TEXT, term)), BooleanClause.Occur.SHOULD));
        return query.build();
    }

    /** The best documents by cosine: a scan of one contiguous array, keeping a small sorted top list. */
    private List<String> semantic(float[] queryVector) {
        VectorSnapshot snapshot = vectorSnapshot();
        int dimensions = queryVector.length;
        if (snapshot.dimensions() != dimensions) {
            return List.of();
        }
        int[] best = new int[candidates];
        float[] bestScores = new float[candidates];
        int size = 0;
        float[] matrix = snapshot.matrix();
        for (int row = 0; row < snapshot.entries().length; row++) {
            float score = 0;
            int offset = row * dimensions;
            for (int i = 0; i < dimensions; i++) {
                score += matrix[offset + i] * queryVector[i];
            }
            if (score < MIN_COSINE || (size == candidates && score <= bestScores[size - 1])) {
                continue;
            }
            int at = size < candidates ? size++ : size - 1;
            while (at > 0 && bestScores[at - 1] < score) {
                best[at] = best[at - 1];
                bestScores[at] = bestScores[at - 1];
                at--;
            }
            best[at] = row;
            bestScores[at] = score;
        }
        List<String> ids = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            ids.add(snapshot.entries()[best[i]].document().id());
        }
        return ids;
    }

    /** Documents with a vector, and their vectors one after another in one array. */
    private record VectorSnapshot(Entry[] entries, float[] matrix, int dimensions) {}

    private VectorSnapshot vectorSnapshot() {
        if (vectorsChanged) {
            synchronized (this) {
                if (vectorsChanged) {
                    vectorsChanged = false;
                    vectors = snapshotOf(entries.values().stream()
                            .filter(entry -> entry.vector() != null)
                            .toArray(Entry[]::new));
                }
            }
        }
        return vectors;
    }

    private static VectorSnapshot snapshotOf(Entry[] withVectors) {
        int dimensions = withVectors.length == 0 ? 0 : withVectors[0].vector().length;
        Entry[] same = java.util.Arrays.stream(withVectors)
                .filter(entry -> entry.vector().length == dimensions)
                .toArray(Entry[]::new);
        float[] matrix = new float[same.length * dimensions];
        for (int row = 0; row < same.length; row++) {
            System.arraycopy(same[row].vector(), 0, matrix, row * dimensions, dimensions);
        }
        return new VectorSnapshot(same, matrix, dimensions);
    }

    /** Adds 1 / (k + rank) for each listed id; slot 0 and 1 keep the lexical and semantic ranks. */
    private void fuse(List<String> ranked, Map<String, double[]> fused, int list) {
        for (int rank = 1; rank <= ranked.size(); rank++) {
            double[] scores = fused.computeIfAbsent(ranked.get(rank - 1), id -> new double[3]);
            scores[list] = rank;
            scores[2] += 1.0 / (fusionConstant + rank);
        }
    }

    private SearchHit hit(String id, double[] scores, float[] queryVector) {
        Entry entry = entries.get(id);
        if (entry == null) {
            return null;
        }
        IndexedDocument document = entry.document();
        return new SearchHit(
                id,
                document.kind(),
                document.title(),
                document.faultClasses(),
                document.status(),
                scores[2] * document.status().weight(),
                cosine(entry.vector(), queryVector),
                (int) scores[0],
                (int) scores[1]);
    }

    private static double cosine(float[] vector, float[] queryVector) {
        if (vector == null || queryVector == null || vector.length != queryVector.length) {
            return 0;
        }
        return Vectors.dot(vector, queryVector);
    }

    @Override
    public void close() {
        try {
            searchers.close();
            writer.close();
            directory.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the index", e);
        }
    }
}
