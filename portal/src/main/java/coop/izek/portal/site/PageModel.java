package coop.izek.portal.site;

import java.util.List;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every page knows: who reads it and in which language. */
@ControllerAdvice
class PageModel {

    /** The reader: signed in or not, their name and roles (for the menu; every API checks again). */
    public record Visitor(boolean signedIn, String name, List<String> roles, String organisation) {

        public boolean is(String role) {
            return roles.contains(role);
        }
    }

    @ModelAttribute("visitor")
    Visitor visitor(Authentication authentication) {
        return of(authentication);
    }

    /** The page's own path, for the language links (which keep the reader on the same page). */
    @ModelAttribute("path")
    String path(jakarta.servlet.http.HttpServletRequest request) {
        return request.getRequestURI();
    }

    static Visitor of(Authentication authentication) {
        if (authentication == null || !(authentication.getPrincipal() instanceof OidcUser person)) {
            return new Visitor(false, null, List.of(), null);
        }
        var roles = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith("ROLE_")).map(a -> a.substring(5)).toList();
        return new Visitor(true, person.getUserInfo() == null ? null : person.getUserInfo().getFullName(), roles,
                person.getUserInfo() == null ? null : person.getUserInfo().getClaimAsString("org"));
    }
}
