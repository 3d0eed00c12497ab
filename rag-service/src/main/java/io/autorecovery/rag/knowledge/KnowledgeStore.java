package io.autorecovery.rag.knowledge;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.agroal.api.AgroalDataSource;
import io.autorecovery.contracts.EventJson;
import io.autorecovery.contracts.FaultClass;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Knowledge documents and their cached embeddings in PostgreSQL; callers bring the transaction. */
@ApplicationScoped
public class KnowledgeStore {

    private static final String COLUMNS = "id, kind, title, body, fault_classes, signature, service, root_cause,"
            + " remediation, recipe, status, incident_id, origin, updated_at";

    private final AgroalDataSource dataSource;

    KnowledgeStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A document with the vector that search uses for it. */
    public record Embedded(KnowledgeDocument document, float[] vector, String model) {}

    /** How far the store has changed; an index built at another state is stale. */
    public record State(long documents, long changes, Timestamp lastUpdate) {}

    public void save(KnowledgeDocument document, float[] vector, String model) {
        String sql = "INSERT INTO documents (" + COLUMNS + ", embedding, embedding_model)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, now(), ?, ?)"
                + " ON CONFLICT (id) DO UPDATE SET kind = EXCLUDED.kind, title = EXCLUDED.title,"
                + " body = EXCLUDED.body, fault_classes = EXCLUDED.fault_classes,"
                + " signature = EXCLUDED.signature, service = EXCLUDED.service,"
                + " root_cause = EXCLUDED.root_cause, remediation = EXCLUDED.remediation,"
                + " recipe = EXCLUDED.recipe, status = EXCLUDED.status, incident_id = EXCLUDED.incident_id,"
                + " origin = EXCLUDED.origin, updated_at = now(), embedding = EXCLUDED.embedding,"
                + " embedding_model = EXCLUDED.embedding_model";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement upsert = connection.prepareStatement(sql)) {
            upsert.setString(1, document.id());
            upsert.setString(2, document.kind().code());
            upsert.setString(3, document.title());
            upsert.setString(4, document.body());
            upsert.setArray(5, codes(connection, document.faultClasses()));
            upsert.setString(6, document.signature());
            upsert.setString(7, document.service());
            upsert.setString(8, document.rootCause());
            upsert.setString(9, document.remediation());
            upsert.setString(10, document.recipe() == null ? null : json(document.recipe()));
            upsert.setString(11, document.status().code());
            upsert.setObject(12, document.incidentId());
            upsert.setString(13, document.origin());
            upsert.setBytes(14, vector == null ? null : bytes(vector));
            upsert.setString(15, vector == null ? null : model);
            upsert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store knowledge document " + document.id(), e);
        }
    }

    public void saveVector(String id, float[] vector, String model) {
        String sql = "UPDATE documents SET embedding = ?, embedding_model = ? WHERE id = ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(sql)) {
            update.setBytes(1, bytes(vector));
            update.setString(2, model);
            update.setString(3, id);
            update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store the vector of document " + id, e);
        }
    }

    public Optional<KnowledgeDocument> find(String id) {
        List<KnowledgeDocument> found = select("SELECT " + COLUMNS + " FROM documents WHERE id = ?", id);
        return found.stream().findFirst();
    }

    public List<KnowledgeDocument> list(DocumentKind kind, int limit, int offset) {
        String where = kind == null ? "" : " WHERE kind = '" + kind.code() + "'";
        return select(
                "SELECT " + COLUMNS + " FROM documents" + where + " ORDER BY id LIMIT " + limit + " OFFSET " + offset);
    }

    public List<KnowledgeDocument> bySignature(String signature) {
        return select("SELECT " + COLUMNS + " FROM documents WHERE signature = ? ORDER BY updated_at DESC", signature);
    }

    public List<KnowledgeDocument> byIncident(UUID incidentId) {
        return select("SELECT " + COLUMNS + " FROM documents WHERE incident_id = ? ORDER BY id", incidentId);
    }

    public boolean delete(String id) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement("DELETE FROM documents WHERE id = ?");
                PreparedStatement mark = connection.prepareStatement("INSERT INTO knowledge_changes DEFAULT VALUES")) {
            delete.setString(1, id);
            boolean deleted = delete.executeUpdate() == 1;
            if (deleted) {
                mark.executeUpdate();
            }
            return deleted;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot delete knowledge document " + id, e);
        }
    }

    /** Every document with its cached vector, if any, for rebuilding the search index. */
    public List<Embedded> all() {
        String sql = "SELECT " + COLUMNS + ", embedding, embedding_model FROM documents ORDER BY id";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql);
                ResultSet rows = select.executeQuery()) {
            List<Embedded> all = new ArrayList<>();
            while (rows.next()) {
                byte[] vector = rows.getBytes("embedding");
                all.add(new Embedded(
                        document(rows), vector == null ? null : floats(vector), rows.getString("embedding_model")));
            }
            return all;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read knowledge documents", e);
        }
    }

    public State state() {
        String sql = "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM knowledge_changes),"
                + " (SELECT max(updated_at) FROM documents)";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql);
                ResultSet row = select.executeQuery()) {
            row.next();
            return new State(row.getLong(1), row.getLong(2), row.getTimestamp(3));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the state of the knowledge store", e);
        }
    }

    private List<KnowledgeDocument> select(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                select.setObject(i + 1, parameters[i]);
            }
            List<KnowledgeDocument> documents = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    documents.add(document(rows));
                }
            }
            return documents;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read knowledge documents", e);
        }
    }

    private static KnowledgeDocument document(ResultSet row) throws SQLException {
        String recipe = row.getString("recipe");
        return new KnowledgeDocument(
                row.getString("id"),
                DocumentKind.of(row.getString("kind")),
                row.getString("title"),
                row.getString("body"),
                Arrays.stream((String[]) row.getArray("fault_classes").getArray())
                        .map(FaultClass::of)
                        .toList(),
                row.getString("signature"),
                row.getString("service"),
                row.getString("root_cause"),
                row.getString("remediation"),
                recipe == null ? null : recipe(recipe),
                FixStatus.of(row.getString("status")),
                row.getObject("incident_id", UUID.class),
                row.getString("origin"),
                row.getTimestamp("updated_at").toInstant());
    }

    private static Array codes(Connection connection, List<FaultClass> classes) throws SQLException {
        return connection.createArrayOf(
                "text", classes.stream().map(FaultClass::code).toArray(String[]::new));
    }

    private static String json(Recipe recipe) {
        try {
            return EventJson.mapper().writeValueAsString(recipe);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a recipe", e);
        }
    }

    private static Recipe recipe(String json) {
        try {
            return EventJson.mapper().readValue(json, Recipe.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored recipe cannot be read", e);
        }
    }

    static byte[] bytes(float[] vector) {
        ByteBuffer buffer = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(vector);
        return buffer.array();
    }

    static float[] floats(byte[] bytes) {
        float[] vector = new float[bytes.length / Float.BYTES];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vector);
        return vector;
    }
}
