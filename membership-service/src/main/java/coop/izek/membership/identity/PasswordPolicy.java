package coop.izek.membership.identity;

import java.util.Locale;

import coop.izek.support.web.ProblemException;

/** What makes a password acceptable: long enough, letters and digits, and not the email itself. */
final class PasswordPolicy {

    static final int MIN_LENGTH = 10;

    private PasswordPolicy() {
    }

    static void check(String password, String email) {
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
