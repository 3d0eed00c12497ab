package io.autorecovery.incident;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Requests to the incident API with the test profile's tokens. */
final class Api {

    static final String VIEWER_TOKEN = "test-viewer-token-0001";
    static final String OPERATOR_TOKEN = "test-operator-token-0001";
    static final String OPERATOR = "olga";

    private Api() {}

    static RequestSpecification asViewer() {
        return given().auth().oauth2(VIEWER_TOKEN);
    }

    static RequestSpecification asOperator() {
        return given().auth().oauth2(OPERATOR_TOKEN).contentType(ContentType.JSON);
    }
}
