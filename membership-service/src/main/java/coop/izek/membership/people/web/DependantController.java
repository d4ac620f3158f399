package coop.izek.membership.people.web;

import java.time.LocalDate;
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

import coop.izek.membership.people.Dependants;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

@RestController
@RequestMapping("/api/membership/people")
class DependantController {

    record AddDependant(@NotBlank @Size(max = 200) String fullName, @NotNull LocalDate birthDate) {
    }

    private final Dependants dependants;

    DependantController(Dependants dependants) {
        this.dependants = dependants;
    }

    @PostMapping("/me/dependants")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, String> add(@AuthenticationPrincipal Jwt caller, @Valid @RequestBody AddDependant request) {
        return Map.of("dependantId", dependants.addDependant(caller.getSubject(), request.fullName(), request.birthDate()));
    }

    @GetMapping("/me/dependants")
    List<Dependants.DependantView> mine(@AuthenticationPrincipal Jwt caller) {
        return dependants.dependantsOf(caller.getSubject());
    }

    /** Staff only (rule in PeopleRules). */
    @GetMapping("/{personId}/dependants")
    List<Dependants.DependantView> of(@PathVariable String personId) {
        return dependants.dependantsOf(personId);
    }
}
