package io.autorecovery.deployer.rest;

import io.autorecovery.deployer.Deployment;
import io.autorecovery.deployer.DeploymentRepository;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** Read access to recent deployments. */
@Path("/deployments")
@Produces(MediaType.APPLICATION_JSON)
public class DeploymentResource {

    private final DeploymentRepository deployments;

    DeploymentResource(DeploymentRepository deployments) {
        this.deployments = deployments;
    }

    @GET
    @Transactional
    public List<Deployment> recent(@QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        return deployments.recent(limit);
    }
}
