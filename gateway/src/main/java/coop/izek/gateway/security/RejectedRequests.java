package coop.izek.gateway.security;

import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;

import coop.izek.gateway.errors.Problems;

/**
 * Paths Spring Security's firewall refuses before any other filter (an encoded slash or dot segment, a semicolon, a
 * control character): a problem, with the security headers the chain that never ran would have added.
 */
@Configuration(proxyBeanMethods = false)
class RejectedRequests {

    static final Map<String, String> SECURITY_HEADERS = Map.of(
            "X-Content-Type-Options", "nosniff",
            "X-Frame-Options", "DENY",
            "Referrer-Policy", "strict-origin-when-cross-origin",
            "Content-Security-Policy", TokenCheck.CONTENT_SECURITY_POLICY,
            "Cache-Control", "no-store");

    @Bean
    ServerExchangeRejectedHandler rejectedAsProblem() {
        return (exchange, rejected) -> Problems.write(exchange, Problems.problem(HttpStatus.BAD_REQUEST, "rejected-path",
                "This path cannot be served: it holds an encoded slash or dot segment, a semicolon or a character no path may hold."),
                SECURITY_HEADERS);
    }
}
