package coop.izek.membership.identity;

import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;

import coop.izek.support.secrets.Secrets;

/**
 * The RSA keys tokens are signed with, kept in the store so they survive restarts and all instances share them, and
 * kept there encrypted under the master key: whoever reads the store alone cannot sign an ADMIN token. The newest
 * active key signs; every active key is published, so after a rotation tokens signed with the old key stay valid
 * until they expire, and then the old key is retired. Instances reload the set every half minute.
 */
@Component
public class SigningKeys {

    static final String COLLECTION = "signing_keys";
    static final String SECRET_PURPOSE = "signing-keys";

    private final MongoTemplate mongo;
    private final Secrets secrets;
    private final Clock clock;
    private final Duration tokenLifetime;
    private volatile List<RSAKey> active;

    SigningKeys(MongoTemplate mongo, Secrets secrets, Clock clock, IdentityProperties properties) {
        this.mongo = mongo;
        this.secrets = secrets;
        this.clock = clock;
        this.tokenLifetime = properties.tokenLifetime();
        if (collection().countDocuments(Filters.eq("active", true)) == 0) {
            insert(generate());
        }
        reload();
    }

    /** The key new tokens are signed with. */
    public RSAKey current() {
        return active.getFirst();
    }

    /** Every active key, private parts included (for signing and for the JWK Set endpoint, which publishes public parts only). */
    public JWKSet all() {
        return new JWKSet(new ArrayList<JWK>(active));
    }

    /** Puts a new key in charge of signing; the old ones keep verifying until {@link #retireExpired()} retires them. */
    public String rotate() {
        var key = generate();
        insert(key);
        collection().updateMany(Filters.and(Filters.eq("active", true), Filters.ne("_id", key.getKeyID())),
                Updates.set("supersededAt", Date.from(clock.instant())));
        reload();
        return key.getKeyID();
    }

    /** Keys superseded longer ago than a token lives sign nothing still valid: stop publishing them. */
    @Scheduled(fixedDelayString = "PT1M")
    public void retireExpired() {
        var limit = Date.from(clock.instant().minus(tokenLifetime).minus(Duration.ofMinutes(1)));
        collection().updateMany(Filters.and(Filters.eq("active", true), Filters.lt("supersededAt", limit)),
                Updates.set("active", false));
        reload();
    }

    @Scheduled(fixedDelayString = "PT30S", initialDelayString = "PT30S")
    public void reload() {
        var keys = collection().find(Filters.eq("active", true)).into(new ArrayList<>()).stream()
                .sorted(Comparator.comparing((Document d) -> d.getDate("createdAt")).reversed())
                .map(this::read)
                .toList();
        if (!keys.isEmpty()) {
            active = keys;
        }
    }

    /**
     * A stored key, decrypted. One stored in the clear (before keys were encrypted) or under a master key that has
     * since been replaced is written again under the current one, so the old master key can be dropped afterwards.
     */
    private RSAKey read(Document stored) {
        var value = stored.getString("jwk");
        var json = Secrets.isEncrypted(value) ? secrets.decrypt(SECRET_PURPOSE, value) : value;
        if (!secrets.isCurrent(value)) {
            collection().updateOne(Filters.and(Filters.eq("_id", stored.get("_id")), Filters.eq("jwk", value)),
                    Updates.set("jwk", secrets.encrypt(SECRET_PURPOSE, json)));
        }
        return parse(json);
    }

    private void insert(RSAKey key) {
        collection().insertOne(new Document("_id", key.getKeyID()).append("active", true)
                .append("createdAt", Date.from(clock.instant())).append("jwk", secrets.encrypt(SECRET_PURPOSE, key.toJSONString())));
    }

    private com.mongodb.client.MongoCollection<Document> collection() {
        return mongo.getCollection(COLLECTION);
    }

    private static RSAKey generate() {
        try {
            var generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            var pair = generator.generateKeyPair();
            return new RSAKey.Builder((RSAPublicKey) pair.getPublic())
                    .privateKey((RSAPrivateKey) pair.getPrivate())
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
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
