package io.autorecovery.rag.search;

import io.autorecovery.rag.knowledge.DocumentKind;
import io.autorecovery.rag.knowledge.FixStatus;
import io.autorecovery.rag.knowledge.KnowledgeDocument;
import io.autorecovery.rag.knowledge.RunbookMarkdown;
import io.autorecovery.rag.knowledge.ShippedRunbooks;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Measures retrieval: quality on a labelled set of incident descriptions (recall@1, recall@3, MRR
 * for lexical, semantic and hybrid search over the shipped runbooks and a few past incidents), and
 * the latency of a top-5 hybrid search over 10,000 synthetic documents. Run by ./run bench rag.
 */
public final class RetrievalBenchmark {

    private static final int CANDIDATES = 50;
    private static final int FUSION = 60;
    private static final int SYNTHETIC = 10_000;
    private static final int WARMUP = 200;
    private static final int MEASURED = 2_000;
    private static final int MEASURED_WITH_EMBEDDING = 200;
    private static final int EMBEDDED_SYNTHETIC = 300;

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private record Labelled(String expected, String text) {}

    private RetrievalBenchmark() {}

    public static void main(String[] args) {
        int synthetic = args.length > 0 ? Integer.parseInt(args[0]) : SYNTHETIC;
        MiniLmEmbedder embedder = new MiniLmEmbedder(1_500);
        List<KnowledgeDocument> knowledge = new ArrayList<>(ShippedRunbooks.read());
        knowledge.addAll(pastIncidents());
        List<Labelled> labelled = labelled();

        System.out.printf(
                "Retrieval quality: %d labelled incidents, %d documents (%d runbooks)%n%n",
                labelled.size(),
                knowledge.size(),
                knowledge.stream().filter(d -> d.kind() == DocumentKind.RUNBOOK).count());
        try (HybridIndex index = new HybridIndex(CANDIDATES, FUSION)) {
            index(index, knowledge, embedder);
            List<float[]> queries =
                    labelled.stream().map(l -> embedder.embed(l.text())).toList();
            System.out.println("| mode     | recall@1 | recall@3 | MRR   |");
            System.out.println("|----------|----------|----------|-------|");
            for (HybridIndex.Mode mode : HybridIndex.Mode.values()) {
                quality(index, labelled, queries, mode);
            }
        }
        latency(embedder, labelled, synthetic);
    }

    private static void quality(
            HybridIndex index, List<Labelled> labelled, List<float[]> queries, HybridIndex.Mode mode) {
        int first = 0;
        int top3 = 0;
        double reciprocal = 0;
        List<String> misses = new ArrayList<>();
        for (int i = 0; i < labelled.size(); i++) {
            List<SearchHit> hits = index.search(labelled.get(i).text(), queries.get(i), 10, mode);
            int rank = rank(hits, labelled.get(i).expected());
            first += rank == 1 ? 1 : 0;
            top3 += rank >= 1 && rank <= 3 ? 1 : 0;
            reciprocal += rank >= 1 ? 1.0 / rank : 0;
            if (rank != 1 && mode == HybridIndex.Mode.HYBRID) {
                misses.add(labelled.get(i).expected() + " ranked " + (rank < 1 ? ">10" : rank) + ", first was "
                        + (hits.isEmpty() ? "nothing" : hits.get(0).id()));
            }
        }
        double n = labelled.size();
        System.out.printf(
                "| %-8s | %8.3f | %8.3f | %.3f |%n", mode.name().toLowerCase(), first / n, top3 / n, reciprocal / n);
        misses.forEach(miss -> System.out.println("    hybrid miss: " + miss));
    }

    private static int rank(List<SearchHit> hits, String expected) {
        for (int i = 0; i < hits.size(); i++) {
            if (hits.get(i).id().equals(expected)) {
                return i + 1;
            }
        }
        return -1;
    }

    private static void latency(MiniLmEmbedder embedder, List<Labelled> labelled, int count) {
        Random random = new Random(42);
        List<IndexedDocument> documents = SyntheticKnowledge.documents(count, random);
        int distinct = Math.min(count, EMBEDDED_SYNTHETIC);
        long start = System.nanoTime();
        List<float[]> embedded = documents.subList(0, distinct).stream()
                .map(d -> embedder.embed(d.text()))
                .toList();
        double embedMillis = (System.nanoTime() - start) / 1e6 / distinct;
        List<float[]> vectors = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            vectors.add(i < distinct ? embedded.get(i) : nearby(embedded.get(i % distinct), random));
        }
        try (HybridIndex index = new HybridIndex(CANDIDATES, FUSION)) {
            start = System.nanoTime();
            index.putAll(documents, vectors);
            double indexSeconds = (System.nanoTime() - start) / 1e9;
            List<float[]> queryVectors =
                    labelled.stream().map(l -> embedder.embed(l.text())).toList();
            long[][] searchOnly = {new long[MEASURED], new long[MEASURED]};
            for (int i = -WARMUP; i < MEASURED; i++) {
                int q = Math.floorMod(i, labelled.size());
                long wall = System.nanoTime();
                long cpu = THREADS.getCurrentThreadCpuTime();
                index.search(labelled.get(q).text(), queryVectors.get(q), 5, HybridIndex.Mode.HYBRID);
                if (i >= 0) {
                    searchOnly[0][i] = System.nanoTime() - wall;
                    searchOnly[1][i] = THREADS.getCurrentThreadCpuTime() - cpu;
                }
            }
            long[][] withEmbedding = {new long[MEASURED_WITH_EMBEDDING], new long[MEASURED_WITH_EMBEDDING]};
            for (int i = 0; i < MEASURED_WITH_EMBEDDING; i++) {
                String text = labelled.get(i % labelled.size()).text();
                long wall = System.nanoTime();
                long cpu = THREADS.getCurrentThreadCpuTime();
                index.search(text, embedder.embed(text), 5, HybridIndex.Mode.HYBRID);
                withEmbedding[0][i] = System.nanoTime() - wall;
                withEmbedding[1][i] = THREADS.getCurrentThreadCpuTime() - cpu;
            }
            System.out.printf(
                    "%nLatency in ms of a top-5 hybrid search over %d synthetic documents (one thread)%n",
                    index.size());
            System.out.printf(
                    "(%d distinct texts embedded at %.1f ms each, the other vectors are perturbed copies;"
                            + " indexing took %.1f s)%n%n",
                    distinct, embedMillis, indexSeconds);
            System.out.println("Wall time depends on what else runs on the machine; CPU time is this thread's"
                    + " own (the ONNX embedding also uses other threads).\n");
            System.out.println(
                    "| measured                          | queries | wall p50 | wall p99 | cpu p50 | cpu p99 |");
            System.out.println(
                    "|-----------------------------------|---------|----------|----------|---------|---------|");
            row("search (query vector given)", searchOnly[0], searchOnly[1]);
            row("search including query embedding", withEmbedding[0], withEmbedding[1]);
        }
    }

    /** A unit vector close to the given one, so that synthetic documents do not all tie. */
    private static float[] nearby(float[] vector, Random random) {
        float[] copy = new float[vector.length];
        for (int i = 0; i < vector.length; i++) {
            copy[i] = vector[i] + (float) (random.nextGaussian() * 0.02);
        }
        return Vectors.normalised(copy);
    }

    private static void row(String name, long[] wall, long[] cpu) {
        System.out.printf(
                "| %-33s | %7d | %8.2f | %8.2f | %7.2f | %7.2f |%n",
                name,
                wall.length,
                percentile(wall, 0.5),
                percentile(wall, 0.99),
                percentile(cpu, 0.5),
                percentile(cpu, 0.99));
    }

    private static double percentile(long[] nanos, double quantile) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[Math.max(0, (int) Math.ceil(sorted.length * quantile) - 1)] / 1e6;
    }

    private static void index(HybridIndex index, List<KnowledgeDocument> documents, TextEmbedder embedder) {
        index.putAll(
                documents.stream().map(IndexedDocument::of).toList(),
                documents.stream().map(d -> embedder.embed(d.searchableText())).toList());
    }

    private static List<KnowledgeDocument> pastIncidents() {
        return rows("bench/past-incidents.tsv").stream()
                .map(row -> new KnowledgeDocument(
                        row[0],
                        DocumentKind.PAST_INCIDENT,
                        row[3],
                        row[6].replace("\\n", "\n").replace("\\t", "\t"),
                        List.of(RunbookMarkdown.faultClass(row[1])),
                        row[2],
                        row[3].substring(0, row[3].indexOf(':')),
                        row[4],
                        row[5],
                        null,
                        FixStatus.UNTRIED,
                        null,
                        KnowledgeDocument.LEARNED,
                        null))
                .toList();
    }

    private static List<Labelled> labelled() {
        return rows("bench/labelled-incidents.tsv").stream()
                .map(row -> new Labelled(row[0], row[1].replace("\\n", "\n").replace("\\t", "\t")))
                .toList();
    }

    private static List<String[]> rows(String resource) {
        try (InputStream in = RetrievalBenchmark.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(line -> line.split("\t"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
