package coop.izek.membership.principles.web;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import coop.izek.membership.members.Members;
import coop.izek.membership.principles.Principles;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;

@RestController
@RequestMapping("/api/membership/principles")
class PrinciplesController {

    record Publish(@NotEmpty Map<String, String> text) {
    }

    record CurrentView(int version, Map<String, String> text) {
    }

    record NotAccepted(int version, List<Members.MemberView> members) {
    }

    private final Principles principles;
    private final Members members;

    PrinciplesController(Principles principles, Members members) {
        this.principles = principles;
        this.members = members;
    }

    @SecurityRequirements
    @GetMapping("/current")
    CurrentView current() {
        var current = principles.current();
        return new CurrentView(current.version(), current.text());
    }

    /** Any published version, so people can read what they accepted. */
    @SecurityRequirements
    @GetMapping("/{version}")
    CurrentView version(@PathVariable int version) {
        var found = principles.version(version);
        return new CurrentView(found.version(), found.text());
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Integer> publish(@AuthenticationPrincipal Jwt caller, @Valid @RequestBody Publish request) {
        return Map.of("version", principles.publish(request.text(), caller.getSubject()));
    }

    /** A member (or anyone registered) accepts a version; kept as an auditable record. */
    @PostMapping("/{version}/acceptances")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void accept(@AuthenticationPrincipal Jwt caller, @PathVariable int version) {
        principles.accept(caller.getSubject(), version, "accepted in the portal");
    }

    /** ACTIVE members who have not accepted the current version yet. */
    @GetMapping("/current/not-accepted")
    NotAccepted notAccepted() {
        var pending = principles.notAcceptingCurrent(members.activePersonIds());
        var list = pending.stream().map(members::findByPerson).flatMap(java.util.Optional::stream).toList();
        return new NotAccepted(principles.currentVersion(), list);
    }
}
