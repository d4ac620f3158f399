package coop.izek.notification.messages;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.stereotype.Component;

import coop.izek.support.secrets.SignedLinks;
import coop.izek.support.security.TokenProperties;

/**
 * The links in account mails (verify the address, reset the password), signed when the mail is written. What is
 * stored with the delivery is only the nonce membership-service made, useless without the key; the link itself
 * exists only in the mail.
 */
@Component
public class AccountLinks {

    static final String VERIFY_EMAIL = "verify-email";
    static final String RESET_PASSWORD = "reset-password";

    private final SignedLinks links;
    private final String publicAddress;

    AccountLinks(SignedLinks links, TokenProperties tokens) {
        this.links = links;
        this.publicAddress = tokens.issuer();
    }

    /** What a stored delivery needs to write its link later: whose, which nonce, until when. */
    static Map<String, String> seed(String purpose, String personId, String nonce, Instant expiresAt) {
        var values = new LinkedHashMap<String, String>();
        values.put("linkPurpose", purpose);
        values.put("linkPerson", personId);
        values.put("linkNonce", nonce);
        values.put("linkExpires", expiresAt.toString());
        return values;
    }

    /** The values with {@code link} added, when they describe one; otherwise as they are. */
    public Map<String, String> withLink(Map<String, String> values, String locale) {
        if (values == null || !values.containsKey("linkPurpose")) {
            return values;
        }
        var purpose = values.get("linkPurpose");
        var token = links.sign(purpose, values.get("linkPerson"), values.get("linkNonce"), Instant.parse(values.get("linkExpires")));
        var page = VERIFY_EMAIL.equals(purpose) ? "/account/verify-email" : "/account/reset-password";
        var completed = new LinkedHashMap<>(values);
        completed.put("link", publicAddress + page + "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)
                + "&lang=" + (locale == null ? "tr" : locale));
        return completed;
    }
}
