package coop.izek.membership.identity.web;

import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import coop.izek.membership.identity.SigningKeys;

@RestController
class JwksController {

    private final SigningKeys keys;

    JwksController(SigningKeys keys) {
        this.keys = keys;
    }

    @GetMapping(value = "/oauth2/jwks", produces = "application/json")
    Map<String, Object> jwks() {
        return keys.publicKeySet();
    }
}
