package coop.izek.membership.privacy.web;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import coop.izek.membership.privacy.PersonalData;

/** Access: {@code /people/me/**} is for the person and {@code /people/{id}/**} for staff (see PeopleRules). */
@RestController
class PersonalDataController {

    private final PersonalData personalData;

    PersonalDataController(PersonalData personalData) {
        this.personalData = personalData;
    }

    @GetMapping("/api/membership/people/me/export")
    PersonalData.Export export(@AuthenticationPrincipal Jwt caller) {
        return personalData.export(caller.getSubject());
    }

    @PostMapping("/api/membership/people/me/erasure")
    @ResponseStatus(HttpStatus.ACCEPTED)
    void eraseMe(@AuthenticationPrincipal Jwt caller) {
        personalData.erase(caller.getSubject(), caller.getSubject());
    }

    /** Staff answer an access request received another way (by letter, in person). */
    @GetMapping("/api/membership/people/{personId}/export")
    PersonalData.Export exportFor(@PathVariable String personId) {
        return personalData.export(personId);
    }

    /** Staff carry out an erasure request received another way (by letter, in person). */
    @PostMapping("/api/membership/people/{personId}/erasure")
    @ResponseStatus(HttpStatus.ACCEPTED)
    void erase(@AuthenticationPrincipal Jwt caller, @PathVariable String personId) {
        personalData.erase(personId, caller.getSubject());
    }
}
