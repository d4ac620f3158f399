package coop.izek.system.benchmark;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.listFeeder;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.Simulation;

/**
 * People reading their own enrolments, as the portal's "my enrolments" page does: each connection asks as one person
 * after another (every record a person's token and how many enrolments they hold), for a while. A page that did not
 * count all of a person's enrolments fails.
 */
public class MyEnrolmentsSimulation extends Simulation {

    public MyEnrolmentsSimulation() {
        var load = Load.current();
        var people = listFeeder(load.records()).circular();
        var read = scenario(load.name()).during(load.duration()).on(feed(people)
                .exec(http(load.name()).get("/api/workshops/enrolments/mine?size=50").header("Authorization", "Bearer #{token}")
                        .check(status().is(200), jsonPath("$.total").ofInt().isEL("#{enrolments}"))));
        setUp(read.injectOpen(atOnceUsers(load.users()))).protocols(http.baseUrl(load.baseUrl()).acceptHeader("application/json"));
    }
}
