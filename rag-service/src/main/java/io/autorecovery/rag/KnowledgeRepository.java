package io.autorecovery.rag;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.agroal.api.AgroalDataSource;
import io.autorecovery.contracts.DeployCompleted;
import io.autorecovery.contracts.EventJson;
import io.autorecovery.contracts.Evidence;
import io.autorecovery.contracts.FaultClass;
import io.autorecovery.contracts.IncidentCreated;
import io.autorecovery.contracts.PatchProposed;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Diagnosed incidents, their analyses and fix outcomes in PostgreSQL; callers bring the transaction. */
@ApplicationScoped
public class KnowledgeRepository {

    private static final int SIMILAR_LIMIT = 5;
    private static final TypeReference<List<Evidence>> EVIDENCE = new TypeReference<>() {};
    private static final TypeReference<List<UUID>> IDS = new TypeReference<>() {};

    private final AgroalDataSource dataSource;

    KnowledgeRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Past incidents with the same fingerprint first, then of the same service and fault class. */
    public List<SimilarIncident> similarTo(IncidentCreated incident) {
        String sql = "SELECT m.incident_id, m.fingerprint = ? AS same_fingerprint,"
                + " EXISTS (SELECT 1 FROM fix_outcomes f WHERE f.incident_id = m.incident_id"
                + " AND f.outcome = 'SUCCEEDED' AND NOT f.dry_run) AS fix_verified"
                + " FROM incident_memory m"
                + " WHERE m.incident_id <> ? AND (m.fingerprint = ? OR (m.service = ? AND m.fault_class = ?))"
                + " ORDER BY same_fingerprint DESC, m.recorded_at DESC LIMIT ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, incident.fingerprint());
            select.setObject(2, incident.incidentId());
            select.setString(3, incident.fingerprint());
            select.setString(4, incident.service());
            select.setString(5, incident.faultClass().code());
            select.setInt(6, SIMILAR_LIMIT);
            List<SimilarIncident> similar = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    similar.add(new SimilarIncident(
                            rows.getObject("incident_id", UUID.class),
                            rows.getBoolean("same_fingerprint"),
                            rows.getBoolean("fix_verified")));
                }
            }
            return similar;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot search past incidents", e);
        }
    }

    public void remember(IncidentCreated incident) {
        String sql = "INSERT INTO incident_memory (incident_id, fingerprint, service, fault_class, title)"
                + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (incident_id) DO NOTHING";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(sql)) {
            insert.setObject(1, incident.incidentId());
            insert.setString(2, incident.fingerprint());
            insert.setString(3, incident.service());
            insert.setString(4, incident.faultClass().code());
            insert.setString(5, incident.title());
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot remember incident " + incident.incidentId(), e);
        }
    }

    public void saveAnalysis(Analysis analysis) {
        String sql = "INSERT INTO analyses (incident_id, root_cause, remediation, confidence, method, evidence,"
                + " similar_incidents, fault_class) VALUES (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?)"
                + " ON CONFLICT (incident_id) DO UPDATE SET root_cause = EXCLUDED.root_cause,"
                + " remediation = EXCLUDED.remediation, confidence = EXCLUDED.confidence, method = EXCLUDED.method,"
                + " evidence = EXCLUDED.evidence, similar_incidents = EXCLUDED.similar_incidents,"
                + " fault_class = EXCLUDED.fault_class, created_at = now()";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(sql)) {
            insert.setObject(1, analysis.incidentId());
            insert.setString(2, analysis.rootCause());
            insert.setString(3, analysis.remediation());
            insert.setDouble(4, analysis.confidence());
            insert.setString(5, analysis.method());
            insert.setString(6, EventJson.mapper().writeValueAsString(analysis.evidence()));
            insert.setString(7, EventJson.mapper().writeValueAsString(analysis.similarIncidents()));
            insert.setString(8, analysis.faultClass().code());
            insert.executeUpdate();
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("cannot store the analysis of incident " + analysis.incidentId(), e);
        }
    }

    public Optional<Analysis> analysisOf(UUID incidentId) {
        String sql = "SELECT root_cause, remediation, confidence, method, evidence, similar_incidents, fault_class"
                + " FROM analyses"
                + " WHERE incident_id = ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setObject(1, incidentId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Analysis(
                        incidentId,
                        FaultClass.of(row.getString("fault_class")),
                        row.getString("root_cause"),
                        row.getString("remediation"),
                        row.getDouble("confidence"),
                        row.getString("method"),
                        EventJson.mapper().readValue(row.getString("evidence"), EVIDENCE),
                        EventJson.mapper().readValue(row.getString("similar_incidents"), IDS)));
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("cannot read the analysis of incident " + incidentId, e);
        }
    }

    public void recordOutcome(DeployCompleted deploy) {
        String sql = "INSERT INTO fix_outcomes (deployment_id, incident_id, service, outcome, dry_run)"
                + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (deployment_id) DO UPDATE SET outcome = EXCLUDED.outcome,"
                + " dry_run = EXCLUDED.dry_run, recorded_at = now()";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement upsert = connection.prepareStatement(sql)) {
            upsert.setObject(1, deploy.deploymentId());
            upsert.setObject(2, deploy.incidentId());
            upsert.setString(3, deploy.service());
            upsert.setString(4, deploy.outcome().name());
            upsert.setBoolean(5, deploy.dryRun());
            upsert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record the outcome of deployment " + deploy.deploymentId(), e);
        }
    }

    /** The change proposed for an incident, as the patch service described it. */
    public record ProposedPatch(UUID patchId, String summary, String pullRequestUrl, String diff) {}

    /** Keeps the newest proposed patch of an incident; an older one arriving late changes nothing. */
    public void rememberPatch(PatchProposed patch, String diff) {
        String sql =
                "INSERT INTO proposed_patches (incident_id, patch_id, summary, pull_request_url, diff, proposed_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (incident_id) DO UPDATE SET patch_id = EXCLUDED.patch_id,"
                        + " summary = EXCLUDED.summary, pull_request_url = EXCLUDED.pull_request_url, diff = EXCLUDED.diff,"
                        + " proposed_at = EXCLUDED.proposed_at WHERE proposed_patches.proposed_at <= EXCLUDED.proposed_at";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement upsert = connection.prepareStatement(sql)) {
            upsert.setObject(1, patch.incidentId());
            upsert.setObject(2, patch.patchId());
            upsert.setString(3, patch.summary());
            upsert.setString(4, patch.pullRequestUrl());
            upsert.setString(5, diff);
            upsert.setObject(6, OffsetDateTime.ofInstant(patch.occurredAt(), ZoneOffset.UTC));
            upsert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot remember patch " + patch.patchId(), e);
        }
    }

    public Optional<ProposedPatch> patchOf(UUID incidentId) {
        String sql = "SELECT patch_id, summary, pull_request_url, diff FROM proposed_patches WHERE incident_id = ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setObject(1, incidentId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new ProposedPatch(
                        row.getObject("patch_id", UUID.class),
                        row.getString("summary"),
                        row.getString("pull_request_url"),
                        row.getString("diff")));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the patch of incident " + incidentId, e);
        }
    }

    /** What the service remembers of a diagnosed incident. */
    public record Remembered(
            UUID incidentId, String fingerprint, String service, FaultClass faultClass, String title) {}

    public Optional<Remembered> remembered(UUID incidentId) {
        String sql = "SELECT fingerprint, service, fault_class, title FROM incident_memory WHERE incident_id = ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setObject(1, incidentId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Remembered(
                        incidentId,
                        row.getString("fingerprint"),
                        row.getString("service"),
                        FaultClass.of(row.getString("fault_class")),
                        row.getString("title")));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read incident " + incidentId, e);
        }
    }
}
