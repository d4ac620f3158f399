package coop.izek.notification.inbox.web;

import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import coop.izek.notification.inbox.LiveInbox;

@RestController
class StreamController {

    private final LiveInbox live;

    StreamController(LiveInbox live) {
        this.live = live;
    }

    @GetMapping(path = "/api/notifications/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream(@AuthenticationPrincipal Jwt caller, @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
        return live.connect(caller.getSubject(), lastEventId);
    }
}
