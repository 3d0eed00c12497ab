package io.autorecovery.rag.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.autorecovery.contracts.FaultClass;
import io.autorecovery.rag.RagChannels;
import io.autorecovery.rag.knowledge.DocumentKind;
import io.autorecovery.rag.knowledge.FixStatus;
import io.autorecovery.rag.knowledge.KnowledgeDocument;
import io.autorecovery.rag.knowledge.KnowledgeStore;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The search index follows the store: rebuilt when the store changed behind its back. */
@QuarkusTest
@QuarkusTestResource(value = RagChannels.class, restrictToAnnotatedClass = true)
class KnowledgeIndexTest {

    @Inject
    KnowledgeIndex index;

    @Inject
    KnowledgeStore store;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aDocumentWrittenByAnotherReplicaIsEmbeddedCachedAndFoundAfterTheStalenessCheck() throws Exception {
        String id = "incident-" + UUID.randomUUID();
        store.save(document(id), null, null);
        assertThat(index.search("quarkus scheduler misfire on the ledger reconciliation job", 5))
                .extracting(SearchHit::id)
                .doesNotContain(id);

        index.rebuildIfStale();

        assertThat(index.search("quarkus scheduler misfire on the ledger reconciliation job", 5))
                .extracting(SearchHit::id)
                .first()
                .isEqualTo(id);
        assertThat(cachedModel(id)).isEqualTo(MiniLmEmbedder.MODEL);
    }

    @Test
    void aDocumentDeletedByAnotherReplicaDisappearsAfterTheStalenessCheck() throws Exception {
        String id = "incident-" + UUID.randomUUID();
        store.save(document(id), null, null);
        index.rebuildIfStale();

        store.delete(id);
        index.rebuildIfStale();

        assertThat(index.search("quarkus scheduler misfire on the ledger reconciliation job", 50))
                .extracting(SearchHit::id)
                .doesNotContain(id);
    }

    private static KnowledgeDocument document(String id) {
        return new KnowledgeDocument(
                id,
                DocumentKind.PAST_INCIDENT,
                "ledger: Quarkus scheduler misfire skips the reconciliation job",
                "SchedulerException: misfire of job reconcile-ledger, next fire time passed",
                List.of(FaultClass.UNKNOWN),
                "sig-" + id,
                "ledger",
                "The reconciliation job ran longer than its period and the scheduler skipped runs.",
                "Make the job concurrent-safe and give it a longer period.",
                null,
                FixStatus.UNTRIED,
                null,
                KnowledgeDocument.API,
                null);
    }

    private String cachedModel(String id) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select =
                        connection.prepareStatement("SELECT embedding_model FROM documents WHERE id = ?")) {
            select.setString(1, id);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getString(1);
            }
        }
    }
}
