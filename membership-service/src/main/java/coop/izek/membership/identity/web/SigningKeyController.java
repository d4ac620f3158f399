package coop.izek.membership.identity.web;

import java.util.Map;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import coop.izek.membership.identity.SigningKeys;

/** Staff rotate the token signing key (say, on a schedule or after a suspected leak); see {@link SigningKeys}. */
@RestController
class SigningKeyController {

    private final SigningKeys keys;

    SigningKeyController(SigningKeys keys) {
        this.keys = keys;
    }

    @PostMapping("/api/membership/admin/signing-keys/rotation")
    Map<String, String> rotate() {
        return Map.of("keyId", keys.rotate());
    }
}
