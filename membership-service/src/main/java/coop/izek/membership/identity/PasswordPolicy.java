package coop.izek.membership.identity;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

import coop.izek.support.web.ProblemException;

/**
 * What makes a password acceptable: long enough, letters and digits, not the email itself, and within bcrypt's 72
 * bytes (more would be cut off silently by the hash, so it is refused instead).
 */
final class PasswordPolicy {

    static final int MIN_LENGTH = 10;
    static final int MAX_BYTES = 72;

    private PasswordPolicy() {
    }

    /** Checks {@code field}'s password; a new one also for strength against {@code email} (null for one merely given). */
    static void check(String field, String password, String email) {
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw ProblemException.invalidField(field, "must be at most " + MAX_BYTES + " bytes in UTF-8");
        }
        if (email == null) {
            return;
        }
        boolean letters = password.chars().anyMatch(Character::isLetter);
        boolean digits = password.chars().anyMatch(Character::isDigit);
        var localPart = email.strip().toLowerCase(Locale.ROOT).split("@")[0];
        if (password.length() < MIN_LENGTH || !letters || !digits
                || (localPart.length() >= 4 && password.toLowerCase(Locale.ROOT).contains(localPart))) {
            throw ProblemException.ruleViolated("weak-password",
                    "The password needs at least " + MIN_LENGTH + " characters with letters and digits, and must not contain the email.");
        }
    }
}
