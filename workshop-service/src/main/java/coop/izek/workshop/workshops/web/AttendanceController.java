package coop.izek.workshop.workshops.web;

import java.util.List;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import coop.izek.support.security.Caller;
import coop.izek.workshop.workshops.Attendance;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

@RestController
@RequestMapping("/api/workshops/{id}")
@Validated
class AttendanceController {

    record Present(@NotNull @Size(max = 1000) List<@NotBlank @Size(max = 100) String> present) {
    }

    private final Attendance attendance;

    AttendanceController(Attendance attendance) {
        this.attendance = attendance;
    }

    @GetMapping("/roster")
    Attendance.Roster roster(@AuthenticationPrincipal Jwt caller, @PathVariable String id) {
        return attendance.roster(id, caller.getSubject(), Caller.of(caller).hasRole("ADMIN"));
    }

    @PutMapping("/sessions/{sessionId}/attendance")
    Attendance.Roster record(@AuthenticationPrincipal Jwt caller, @PathVariable String id, @PathVariable String sessionId,
                             @Valid @RequestBody Present request) {
        return attendance.record(id, sessionId, request.present(), caller.getSubject(), Caller.of(caller).hasRole("ADMIN"));
    }

    @PostMapping("/complete")
    Attendance.Completion complete(@AuthenticationPrincipal Jwt caller, @PathVariable String id) {
        return attendance.complete(id, caller.getSubject(), Caller.of(caller).hasRole("ADMIN"));
    }
}
