package coop.izek.portal.signin;

import java.net.URI;

import org.springframework.security.web.savedrequest.HttpSessionRequestCache;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Where a person lands after signing in again in the middle of something. A page they asked for is shown again; a
 * form they sent cannot be sent again by a redirect (it would arrive as a GET), so they come back to the page the form
 * was on (its Referer, when it is one of ours) and send it once more themselves.
 */
class ReturnAfterSignIn extends HttpSessionRequestCache {

    private final URI publicAddress;

    ReturnAfterSignIn(URI publicAddress) {
        this.publicAddress = publicAddress;
    }

    @Override
    public void saveRequest(HttpServletRequest request, HttpServletResponse response) {
        if ("GET".equals(request.getMethod())) {
            super.saveRequest(request, response);
            return;
        }
        super.saveRequest(new PageTheFormWasOn(request, formPage(request.getHeader("Referer"))), response);
    }

    /** The Referer's path and query when it is a page of this site, else the home page. */
    URI formPage(String referer) {
        try {
            var page = referer == null ? null : URI.create(referer);
            if (page != null && publicAddress.getScheme().equalsIgnoreCase(String.valueOf(page.getScheme()))
                    && publicAddress.getAuthority().equalsIgnoreCase(String.valueOf(page.getAuthority()))
                    && page.getRawPath() != null && page.getRawPath().startsWith("/")) {
                return new URI(null, null, page.getPath(), page.getQuery(), null);
            }
        } catch (IllegalArgumentException | java.net.URISyntaxException unreadable) {
            // not a page of ours
        }
        return URI.create("/");
    }

    /** The request as if the browser had asked for the page again. */
    private static final class PageTheFormWasOn extends HttpServletRequestWrapper {
        private final URI page;

        PageTheFormWasOn(HttpServletRequest request, URI page) {
            super(request);
            this.page = page;
        }

        @Override
        public String getMethod() {
            return "GET";
        }

        @Override
        public String getRequestURI() {
            return page.getRawPath();
        }

        @Override
        public String getServletPath() {
            return page.getPath();
        }

        @Override
        public String getPathInfo() {
            return null;
        }

        @Override
        public String getQueryString() {
            return page.getRawQuery();
        }

        @Override
        public StringBuffer getRequestURL() {
            var url = new StringBuffer();
            url.append(getScheme()).append("://").append(getServerName());
            if (getServerPort() > 0) {
                url.append(':').append(getServerPort());
            }
            return url.append(getRequestURI());
        }

        @Override
        public java.util.Map<String, String[]> getParameterMap() {
            return java.util.Map.of();
        }
    }
}
