package coop.izek.notification.delivery.web;

import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import coop.izek.notification.delivery.DeliveryLog;
import coop.izek.notification.delivery.DeliveryStatus;
import coop.izek.notification.messages.Channel;
import coop.izek.support.web.PageResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** The delivery log, for staff ({@link StaffRules}). */
@RestController
@Validated
class DeliveryLogController {

    private final DeliveryLog log;

    DeliveryLogController(DeliveryLog log) {
        this.log = log;
    }

    @GetMapping("/api/notifications/deliveries")
    PageResponse<DeliveryLog.Entry> list(@RequestParam(required = false) String personId,
                                         @RequestParam(required = false) String organisationId,
                                         @RequestParam(required = false) Channel channel,
                                         @RequestParam(required = false) DeliveryStatus status,
                                         @RequestParam(defaultValue = "0") @Min(0) int page,
                                         @RequestParam(defaultValue = "20") @Min(1) @Max(PageResponse.MAX_SIZE) int size) {
        return log.page(new DeliveryLog.Filter(personId, organisationId, channel, status), page, size);
    }
}
