package coop.izek.gateway.apidocs;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import reactor.core.publisher.Mono;
import tools.jackson.databind.node.ObjectNode;

/** The platform's OpenAPI document; Swagger UI (springdoc) at {@code /swagger-ui.html} reads it. */
@RestController
class ApiDocsController {

    private final ApiDocs docs;

    ApiDocsController(ApiDocs docs) {
        this.docs = docs;
    }

    @GetMapping(path = "/v3/api-docs", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ObjectNode> document() {
        return docs.document();
    }
}
