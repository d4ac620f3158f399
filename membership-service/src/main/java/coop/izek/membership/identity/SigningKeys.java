package coop.izek.membership.identity;

import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import com.mongodb.client.model.Filters;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;

/**
 * The RSA keys tokens are signed with, kept in the store so they survive restarts and every instance of the
 * service signs with the same one: the oldest active key. All active keys are published, so a token stays
 * valid until it expires even after a newer key takes over.
 */
@Component
public class SigningKeys {

    static final String COLLECTION = "signing_keys";

    private final List<RSAKey> keys;

    SigningKeys(MongoTemplate mongo) {
        var collection = mongo.getCollection(COLLECTION);
        if (collection.countDocuments(Filters.eq("active", true)) == 0) {
            var key = generate();
            collection.insertOne(new Document("_id", key.getKeyID()).append("active", true)
                    .append("createdAt", new Date()).append("jwk", key.toJSONString()));
        }
        this.keys = collection.find(Filters.eq("active", true)).into(new java.util.ArrayList<>()).stream()
                .sorted(Comparator.comparing(d -> d.getDate("createdAt")))
                .map(d -> parse(d.getString("jwk")))
                .toList();
    }

    /** The key new tokens are signed with. */
    RSAKey current() {
        return keys.getFirst();
    }

    /** The public halves of every active key, as the JSON object {@code /oauth2/jwks} serves. */
    public java.util.Map<String, Object> publicKeySet() {
        return publicKeys().toJSONObject(true);
    }

    JWKSet publicKeys() {
        return new JWKSet(keys.stream().map(k -> (com.nimbusds.jose.jwk.JWK) k.toPublicJWK()).toList());
    }

    JWKSet signingKeys() {
        return new JWKSet(current());
    }

    RSAPublicKey verificationKey() {
        try {
            return current().toRSAPublicKey();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey generate() {
        try {
            var generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            var pair = generator.generateKeyPair();
            return new RSAKey.Builder((RSAPublicKey) pair.getPublic())
                    .privateKey((RSAPrivateKey) pair.getPrivate())
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(com.nimbusds.jose.JWSAlgorithm.RS256)
                    .keyID(UUID.randomUUID().toString())
                    .build();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey parse(String json) {
        try {
            return RSAKey.parse(json);
        } catch (ParseException e) {
            throw new IllegalStateException("A stored signing key is unreadable", e);
        }
    }
}
