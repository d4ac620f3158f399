package coop.izek.membership.identity.web;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import coop.izek.membership.identity.Accounts;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Staff helping staff: another verified person becomes staff too, and a sign-in lock is lifted without touching the
 * store. (A locked-out person can also reset their password by email, which lifts the lock.)
 */
@RestController
class StaffController {

    record NewStaff(@NotBlank @Size(max = 100) String personId) {
    }

    record LockedAccount(@NotBlank @Size(max = 254) String email) {
    }

    private final Accounts accounts;

    StaffController(Accounts accounts) {
        this.accounts = accounts;
    }

    @PostMapping("/api/membership/admin/staff")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void grant(@Valid @RequestBody NewStaff request) {
        accounts.grantStaff(request.personId());
    }

    @PostMapping("/api/membership/admin/sign-in-locks/release")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void release(@Valid @RequestBody LockedAccount request) {
        accounts.releaseSignInLock(request.email());
    }
}
