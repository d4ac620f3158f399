package coop.izek.project.deliverables.web;

import java.time.LocalDate;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import coop.izek.project.deliverables.DeliverableStatus;
import coop.izek.project.deliverables.Deliverables;
import coop.izek.support.security.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

@RestController
@RequestMapping("/api/projects/{projectId}/deliverables")
class DeliverableController {

    record AddDeliverable(@NotBlank @Size(max = 12) String code, @NotBlank @Size(max = 300) String title,
                          @NotBlank @Size(max = 6) String workPackage, @NotNull LocalDate dueDate,
                          @NotBlank @Size(max = 100) String responsibleOrganisationId) {
    }

    record ChangeDeliverable(DeliverableStatus status, LocalDate dueDate, @Size(max = 2000) String comment) {
    }

    private final Deliverables deliverables;

    DeliverableController(Deliverables deliverables) {
        this.deliverables = deliverables;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Deliverables.DeliverableView add(@AuthenticationPrincipal Jwt caller, @PathVariable String projectId,
                                     @Valid @RequestBody AddDeliverable request) {
        return deliverables.add(projectId, new Deliverables.Draft(request.code(), request.title(), request.workPackage(), request.dueDate(),
                request.responsibleOrganisationId()), Caller.of(caller));
    }

    @GetMapping
    List<Deliverables.DeliverableView> list(@AuthenticationPrincipal Jwt caller, @PathVariable String projectId,
                                            @RequestParam(required = false) DeliverableStatus status) {
        return deliverables.list(projectId, status, Caller.of(caller));
    }

    @GetMapping("/{code}")
    Deliverables.DeliverableView get(@AuthenticationPrincipal Jwt caller, @PathVariable String projectId, @PathVariable String code) {
        return deliverables.find(projectId, code, Caller.of(caller));
    }

    @PatchMapping("/{code}")
    Deliverables.DeliverableView change(@AuthenticationPrincipal Jwt caller, @PathVariable String projectId, @PathVariable String code,
                                        @Valid @RequestBody ChangeDeliverable request) {
        return deliverables.change(projectId, code, new Deliverables.Change(request.status(), request.dueDate(), request.comment()),
                Caller.of(caller));
    }
}
