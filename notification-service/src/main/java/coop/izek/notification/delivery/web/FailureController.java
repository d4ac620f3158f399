package coop.izek.notification.delivery.web;

import org.springframework.http.HttpStatus;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import coop.izek.notification.delivery.FailureLog;
import coop.izek.support.web.PageResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** The failure log, for staff ({@link StaffRules}). */
@RestController
@RequestMapping("/api/notifications/failures")
@Validated
class FailureController {

    private final FailureLog failures;

    FailureController(FailureLog failures) {
        this.failures = failures;
    }

    @GetMapping
    PageResponse<FailureLog.Failure> list(@RequestParam(defaultValue = "0") @Min(0) int page,
                                          @RequestParam(defaultValue = "20") @Min(1) @Max(PageResponse.MAX_SIZE) int size) {
        return failures.page(page, size);
    }

    @PostMapping("/{id}/replay")
    @ResponseStatus(HttpStatus.ACCEPTED)
    void replay(@PathVariable String id) {
        failures.replay(id);
    }
}
