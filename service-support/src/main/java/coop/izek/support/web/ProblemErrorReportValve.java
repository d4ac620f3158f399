package coop.izek.support.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * What Tomcat answers itself, before any application code runs (a path it rejects, an invalid encoding, a request
 * it cannot parse): a problem like every other error, not Tomcat's HTML page. No detail of the cause is shown.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        var body = ("{\"type\":\"/problems/" + (status >= 500 ? "internal" : "bad-request") + "\",\"title\":\""
                + (status >= 500 ? "Internal Server Error" : "Bad Request") + "\",\"status\":" + status + ",\"detail\":\""
                + (status >= 500 ? "Something went wrong on our side." : "The request could not be read.") + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            response.setHeader("X-Content-Type-Options", "nosniff");
            response.setHeader("Cache-Control", "no-store");
            response.setContentLength(body.length);
            var out = response.getOutputStream();
            out.write(body);
            out.flush();
        } catch (IOException | IllegalStateException e) {
            // the connection is gone; nothing more to say
        }
    }
}
