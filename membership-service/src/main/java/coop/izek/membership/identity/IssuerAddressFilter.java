package coop.izek.membership.identity;

import java.io.IOException;
import java.net.URI;
import java.util.Collections;
import java.util.Enumeration;

import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Every address this service builds for a browser (the sign-in page it redirects to, the request it returns to after
 * signing in) comes from the configured issuer, the platform's public address, never from the request's Host
 * header: with {@code Host: evil.example}, a redirect to evil.example would send the sign-in elsewhere.
 */
class IssuerAddressFilter extends OncePerRequestFilter {

    private final String scheme;
    private final String host;
    private final int port;
    private final String hostHeader;

    IssuerAddressFilter(String issuer) {
        var uri = URI.create(issuer);
        this.scheme = uri.getScheme();
        this.host = uri.getHost();
        this.port = uri.getPort() != -1 ? uri.getPort() : "https".equals(scheme) ? 443 : 80;
        this.hostHeader = uri.getPort() == -1 ? host : host + ":" + port;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(new HttpServletRequestWrapper(request) {
            @Override
            public String getScheme() {
                return scheme;
            }

            @Override
            public String getServerName() {
                return host;
            }

            @Override
            public int getServerPort() {
                return port;
            }

            @Override
            public boolean isSecure() {
                return "https".equals(scheme);
            }

            @Override
            public StringBuffer getRequestURL() {
                return new StringBuffer(scheme).append("://").append(hostHeader).append(getRequestURI());
            }

            @Override
            public String getHeader(String name) {
                return "host".equalsIgnoreCase(name) ? hostHeader : super.getHeader(name);
            }

            @Override
            public Enumeration<String> getHeaders(String name) {
                return "host".equalsIgnoreCase(name) ? Collections.enumeration(java.util.List.of(hostHeader)) : super.getHeaders(name);
            }
        }, response);
    }
}
