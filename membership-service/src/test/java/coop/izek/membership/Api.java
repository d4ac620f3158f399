package coop.izek.membership;

import java.util.Map;
import java.util.UUID;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

/** Calls membership-service's API as the tests' people do. */
public final class Api {

    public static final String PASSWORD = "Correct-horse-42";

    private final RestTestClient client;

    public Api(int port) {
        this.client = RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
    }

    public RestTestClient client() {
        return client;
    }

    /** Registers a new person and returns their id. */
    public String register(String email, String fullName) {
        return (String) client.post().uri("/api/auth/register").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("email", email, "password", PASSWORD, "fullName", fullName, "locale", "tr"))
                .exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("personId");
    }

    public String token(String email, String password) {
        return (String) client.post().uri("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("email", email, "password", password))
                .exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody().get("access_token");
    }

    public String adminToken() {
        return token(MembershipIntegrationTest.ADMIN_EMAIL, MembershipIntegrationTest.ADMIN_PASSWORD);
    }

    /** A fresh person with an account, and their token. */
    public Person newPerson(String name) {
        var email = name.toLowerCase().replace(' ', '.') + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        var id = register(email, name);
        return new Person(id, email, token(email, PASSWORD));
    }

    public record Person(String id, String email, String token) {
        public String bearer() {
            return "Bearer " + token;
        }
    }

    public static String unique(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
