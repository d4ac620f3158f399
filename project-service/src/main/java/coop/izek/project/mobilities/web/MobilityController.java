package coop.izek.project.mobilities.web;

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

import coop.izek.events.TargetGroup;
import coop.izek.project.mobilities.Mobilities;
import coop.izek.project.mobilities.MobilityStatus;
import coop.izek.project.mobilities.MobilityType;
import coop.izek.support.security.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

@RestController
@RequestMapping("/api/projects/{projectId}/mobilities")
class MobilityController {

    record ReportMobility(@NotNull MobilityType type, @NotBlank @Size(max = 300) String title, @NotBlank @Size(max = 6) String workPackage,
                         @NotBlank @Size(max = 100) String sendingOrganisationId, @NotBlank @Size(max = 100) String receivingOrganisationId,
                         @NotBlank @Size(max = 2) String country, @NotNull LocalDate startDate, @NotNull LocalDate endDate,
                         @NotEmpty @Size(max = 5) Map<@NotNull TargetGroup, @NotNull Integer> participants,
                         @Size(max = 500) List<@NotNull @Size(max = 200) String> participantNames, MobilityStatus status) {
    }

    record Realised(@Size(max = 5) Map<@NotNull TargetGroup, @NotNull Integer> participants,
                    @Size(max = 500) List<@NotNull @Size(max = 200) String> participantNames) {
    }

    private final Mobilities mobilities;

    MobilityController(Mobilities mobilities) {
        this.mobilities = mobilities;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Mobilities.MobilityView report(@AuthenticationPrincipal Jwt caller, @PathVariable String projectId, @Valid @RequestBody ReportMobility r) {
        return mobilities.report(projectId, new Mobilities.Report(r.type(), r.title(), r.workPackage(), r.sendingOrganisationId(),
                r.receivingOrganisationId(), r.country(), r.startDate(), r.endDate(), r.participants(), r.participantNames(), r.status()),
                Caller.of(caller));
    }

    @GetMapping
    List<Mobilities.MobilityView> list(@AuthenticationPrincipal Jwt caller, @PathVariable String projectId) {
        return mobilities.list(projectId, Caller.of(caller));
    }

    @PostMapping("/{mobilityId}/realised")
    Mobilities.MobilityView realised(@AuthenticationPrincipal Jwt caller, @PathVariable String projectId, @PathVariable String mobilityId,
                                     @Valid @RequestBody Realised r) {
        return mobilities.realised(projectId, mobilityId, r.participants(), r.participantNames(), Caller.of(caller));
    }
}
