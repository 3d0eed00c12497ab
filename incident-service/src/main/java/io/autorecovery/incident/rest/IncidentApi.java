package io.autorecovery.incident.rest;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** The incident API as a whole: bearer tokens, viewer for reading and operator for actions. */
@OpenAPIDefinition(info = @Info(title = "Incident service", version = "0.1.0"))
@SecurityScheme(
        securitySchemeName = IncidentApi.BEARER,
        type = SecuritySchemeType.HTTP,
        scheme = "bearer",
        description = "a viewer token reads; an operator token also acts")
public class IncidentApi extends Application {

    static final String BEARER = "bearer";
}
