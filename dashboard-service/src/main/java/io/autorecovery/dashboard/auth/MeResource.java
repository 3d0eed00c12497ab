package io.autorecovery.dashboard.auth;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Who the session or bearer token belongs to; 401 from the access filter when nobody. */
@Path("/api/me")
@Tag(name = "Login")
public class MeResource {

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> me(@Context ContainerRequestContext request) {
        return LoginResource.describe((Person) request.getProperty(Person.PROPERTY));
    }
}
