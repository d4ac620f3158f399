package coop.izek.portal.learning;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

import coop.izek.portal.api.PlatformApi;

/**
 * The inbox. The open page asks the portal again every few seconds (htmx) and swaps in the list, so new items appear
 * without a reload; the browser sends only its session cookie and the portal adds the person's token.
 */
@Controller
class InboxPages {

    private final PlatformApi api;

    InboxPages(PlatformApi api) {
        this.api = api;
    }

    @GetMapping("/me/inbox")
    String inbox(Model model) {
        var items = api.items("/api/notifications/inbox?size=50");
        model.addAttribute("items", items);
        model.addAttribute("unread", items.stream().filter(item -> !Boolean.TRUE.equals(item.get("read"))).count());
        return "me/inbox";
    }

    @PostMapping("/me/inbox/{id:[A-Za-z0-9-]{1,64}}/read")
    String read(@PathVariable String id) {
        api.post("/api/notifications/inbox/{id}/read", null, id);
        return "redirect:/me/inbox";
    }
}
