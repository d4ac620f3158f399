package coop.izek.system.benchmark;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.Simulation;

/** People registering and then signing in, as the portal's registration page and login do (one person per record). */
public class RegistrationSimulation extends Simulation {

    public RegistrationSimulation() {
        var load = Load.current();
        var feeder = load.feeder();
        var register = scenario(load.name()).repeat(load.repeats()).on(feed(feeder)
                .exec(http("register").post("/api/auth/register")
                        .body(StringBody("{\"email\":\"#{email}\",\"password\":\"#{password}\",\"fullName\":\"#{fullName}\",\"locale\":\"tr\"}"))
                        .asJson().check(status().is(202)))
                .exec(http("login").post("/api/auth/login")
                        .body(StringBody("{\"email\":\"#{email}\",\"password\":\"#{password}\"}"))
                        .asJson().check(status().is(200), jsonPath("$.access_token").saveAs("token")))
                .exec(session -> {
                    if (session.contains("token")) {
                        Load.ACKNOWLEDGED.add(new Load.Acknowledged(session.getString("email"), session.getString("token"), "200"));
                    }
                    return session.remove("token");
                }));
        setUp(register.injectOpen(atOnceUsers(load.users()))).protocols(http.baseUrl(load.baseUrl()));
    }
}
