package io.autorecovery.rag.search;

import io.autorecovery.contracts.FaultClass;
import io.autorecovery.rag.knowledge.DocumentKind;
import io.autorecovery.rag.knowledge.FixStatus;
import java.util.List;

/**
 * One ranked search result.
 *
 * @param score the fused reciprocal-rank score, weighted by whether the knowledge held
 * @param similarity the cosine between the query and the document, 0 when not compared
 * @param lexicalRank 1-based rank in the BM25 list, 0 when absent from it
 * @param semanticRank 1-based rank in the vector list, 0 when absent from it
 */
public record SearchHit(
        String id,
        DocumentKind kind,
        String title,
        List<FaultClass> faultClasses,
        FixStatus status,
        double score,
        double similarity,
        int lexicalRank,
        int semanticRank) {}
